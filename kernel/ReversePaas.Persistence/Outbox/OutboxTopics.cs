namespace ReversePaas.Persistence.Outbox;

/// <summary>The topics written to the outbox.</summary>
public static class OutboxTopics
{
    /// <summary>An after-sale was created or changed (key: after-sale id).</summary>
    public const string AfterSaleChanged = "after-sale.changed";

    /// <summary>An order was registered or its status changed (key: order id).</summary>
    public const string OrderChanged = "order.changed";

    /// <summary>
    /// An after-sale's event handlers failed on a change and are to be tried again (key: after-sale id). Only the
    /// handlers' consumer takes it, so their retries hold up nothing else.
    /// </summary>
    public const string AfterSaleHandlersRetry = "after-sale.handlers-retry";

    /// <summary>A refund was paid out and recorded (key: after-sale id).</summary>
    public const string RefundCompleted = "refund.completed";
}
