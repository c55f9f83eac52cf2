namespace ReversePaas.Sdk.Ports;

/// <summary>Reverse money data for settlement: what was refunded to whom for which order.</summary>
public sealed class ReverseMoneyRecord
{
    /// <summary>The after-sale (idempotency key).</summary>
    public required string AfterSaleId { get; init; }

    /// <summary>The order.</summary>
    public required string OrderId { get; init; }

    /// <summary>The merchant whose settlement is reduced.</summary>
    public required string VenderId { get; init; }

    /// <summary>Money refunded.</summary>
    public required decimal Amount { get; init; }

    /// <summary>ISO 4217 currency.</summary>
    public required string Currency { get; init; }

    /// <summary>The payment system's refund reference.</summary>
    public required string PaymentReference { get; init; }
}
