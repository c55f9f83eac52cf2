namespace ReversePaas.Host.Broker;

/// <summary>The exchanges, queues and event types of API.md "Events on a message broker".</summary>
internal static class BrokerTopology
{
    /// <summary>The durable topic exchange every outgoing event goes to, routed by its type.</summary>
    public const string EventsExchange = "reversepaas.events";

    /// <summary>An after-sale's status changed (subject: after-sale id; data: the after-sale as System reads it).</summary>
    public const string AfterSaleStatusChanged = "reversepaas.after-sale.status-changed";

    /// <summary>A refund was paid out (subject: after-sale id; data: afterSaleId, orderId, amount, currency).</summary>
    public const string RefundCompleted = "reversepaas.refund.completed";

    /// <summary>An order's status changed (subject: order id; data: orderId, status).</summary>
    public const string OrderStatusChanged = "reversepaas.order.status-changed";

    /// <summary>The durable topic exchange other systems publish to; bound to <see cref="InboundQueue"/> with <c>#</c>.</summary>
    public const string InboundExchange = "reversepaas.inbound";

    /// <summary>The durable queue the host consumes inbound events from.</summary>
    public const string InboundQueue = "reversepaas.inbound";

    /// <summary>The durable queue of inbound messages that cannot be applied, each with <see cref="DeadReasonHeader"/>.</summary>
    public const string DeadQueue = "reversepaas.inbound.dead";

    /// <summary>The header that says why a message is in <see cref="DeadQueue"/>.</summary>
    public const string DeadReasonHeader = "x-reversepaas-dead-reason";

    /// <summary>A courier's pickup update (subject: after-sale id; data: trackingNo, courierName, courierPhone, status).</summary>
    public const string PickupUpdated = "reversepaas.logistics.pickup-updated";

    /// <summary>The warehouse received returned goods (subject: after-sale id; data: the warehouse-receipt body).</summary>
    public const string WarehouseReceived = "reversepaas.warehouse.received";

    /// <summary>The CloudEvents <c>source</c> of every event the host publishes.</summary>
    public static readonly Uri Source = new("urn:reversepaas:kernel");

    /// <summary>The content type of a structured-mode CloudEvents JSON message.</summary>
    public const string CloudEventsJson = "application/cloudevents+json";
}
