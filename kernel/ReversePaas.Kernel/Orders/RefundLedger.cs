using ReversePaas.Kernel.Domain;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Kernel.Orders;

/// <summary>
/// The money of an order after payment: what was paid (freight included), what is promised to open
/// after-sales (reserved), what was refunded. The original order's money is never edited; refunds only move
/// money from reserved to refunded here. Guarded by the order's version (optimistic concurrency).
/// </summary>
public sealed class RefundLedger
{
    internal RefundLedger(decimal paid)
    {
        Paid = paid;
    }

    private RefundLedger()
    {
    }

    /// <summary>Paid, freight included.</summary>
    public decimal Paid { get; private set; }

    /// <summary>Refunded so far.</summary>
    public decimal Refunded { get; private set; }

    /// <summary>Promised to open after-sales, not yet refunded.</summary>
    public decimal Reserved { get; private set; }

    /// <summary>What can still be claimed.</summary>
    public decimal Refundable => Paid - Refunded - Reserved;

    internal void RecordPayment(decimal amount)
    {
        if (Paid != 0)
        {
            throw new InvalidOperationException($"The order was already paid ({Paid:0.00}).");
        }

        Paid = amount;
    }

    internal void Reserve(decimal amount, string orderId)
    {
        if (amount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "A reservation cannot be negative.");
        }

        if (amount > Refundable)
        {
            throw new DomainRuleException(ReasonCodes.RefundOverRefundable,
                $"A refund of {amount:0.00} is more than order '{orderId}' still has refundable ({Refundable:0.00} of {Paid:0.00} paid; {Refunded:0.00} refunded, {Reserved:0.00} promised to open after-sales).");
        }

        Reserved += amount;
    }

    internal void Release(decimal amount)
    {
        if (amount < 0 || amount > Reserved)
        {
            throw new InvalidOperationException($"Cannot release {amount:0.00}: only {Reserved:0.00} is reserved.");
        }

        Reserved -= amount;
    }

    internal void Settle(decimal amount)
    {
        Release(amount);
        Refunded += amount;
    }

    /// <summary>The view plugins see.</summary>
    public LedgerView ToView() => new() { Paid = Paid, Refunded = Refunded, Reserved = Reserved };
}
