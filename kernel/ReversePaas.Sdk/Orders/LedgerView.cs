namespace ReversePaas.Sdk.Orders;

/// <summary>The money of an order: paid (freight included), refunded, reserved by open after-sales.</summary>
public sealed class LedgerView
{
    /// <summary>Paid for the order, freight included.</summary>
    public required decimal Paid { get; init; }

    /// <summary>Refunded so far.</summary>
    public required decimal Refunded { get; init; }

    /// <summary>Promised to open after-sales and not yet refunded.</summary>
    public required decimal Reserved { get; init; }

    /// <summary>What can still be claimed: paid − refunded − reserved.</summary>
    public decimal Refundable => Paid - Refunded - Reserved;
}
