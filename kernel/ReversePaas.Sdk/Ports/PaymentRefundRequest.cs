namespace ReversePaas.Sdk.Ports;

/// <summary>A refund asked of the payment system. <see cref="RefundId"/> makes it idempotent.</summary>
public sealed class PaymentRefundRequest
{
    /// <summary>Unique per refund: the payment system pays a refund id at most once.</summary>
    public required string RefundId { get; init; }

    /// <summary>The order paid.</summary>
    public required string OrderId { get; init; }

    /// <summary>Money to refund.</summary>
    public required decimal Amount { get; init; }

    /// <summary>ISO 4217 currency.</summary>
    public required string Currency { get; init; }

    /// <summary>Where the money goes.</summary>
    public required PaymentRoute Route { get; init; }
}
