namespace ReversePaas.Persistence.Handlers;

/// <summary>
/// How far one event handler (an <c>execution.after-sale-event</c> extension) has been told about one after-sale
/// (table <c>handler_deliveries</c>): every timeline entry up to <see cref="DeliveredThrough"/> was handled. Its own
/// record, apart from the outbox message's, so a failing handler is retried without repeating the others.
/// </summary>
public sealed class HandlerDeliveryRecord
{
    /// <summary>The handler's extension id.</summary>
    public string ExtensionId { get; set; } = "";

    /// <summary>The after-sale.</summary>
    public string AfterSaleId { get; set; } = "";

    /// <summary>The sequence of the last timeline entry the handler handled.</summary>
    public int DeliveredThrough { get; set; }

    /// <summary>When that was recorded.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
