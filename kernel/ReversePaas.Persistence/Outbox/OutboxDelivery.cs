namespace ReversePaas.Persistence.Outbox;

/// <summary>That a consumer has handled a message: the dispatcher skips it next time (idempotence at the dispatcher).</summary>
public sealed class OutboxDelivery
{
    /// <summary>Records a delivery.</summary>
    public OutboxDelivery(long messageId, string consumer, DateTimeOffset deliveredAt)
    {
        MessageId = messageId;
        Consumer = consumer;
        DeliveredAt = deliveredAt;
    }

    /// <summary>The message.</summary>
    public long MessageId { get; private set; }

    /// <summary>The consumer's name.</summary>
    public string Consumer { get; private set; }

    public DateTimeOffset DeliveredAt { get; private set; }
}
