namespace ReversePaas.Host.Broker;

/// <summary>
/// Outbox topics only the broker's consumer takes: written when a publish failed (the broker is down), so that the
/// change's own message is not held up (execution comes after the broker in a pass) and the publish is retried with the
/// outbox's back-off. The key is the one of the message whose publish failed.
/// </summary>
internal static class BrokerRetryTopics
{
    /// <summary>Publish the after-sale's unpublished status changes again (key: after-sale id).</summary>
    public const string AfterSale = "broker.after-sale.retry";

    /// <summary>Publish the order's status again (key: order id).</summary>
    public const string Order = "broker.order.retry";

    /// <summary>Publish the refund again (key: after-sale id).</summary>
    public const string Refund = "broker.refund.retry";
}
