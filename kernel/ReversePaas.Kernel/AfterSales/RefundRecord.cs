namespace ReversePaas.Kernel.AfterSales;

/// <summary>
/// A refund paid out. One per after-sale (its id is the refund id sent to the payment system): the unique key
/// is the last line of defence against paying an after-sale twice, whatever happens to locks.
/// </summary>
public sealed class RefundRecord
{
    /// <summary>Records a refund paid out.</summary>
    public RefundRecord(string refundId, string afterSaleId, string orderId, decimal amount, string reference, DateTimeOffset paidAt)
    {
        RefundId = refundId;
        AfterSaleId = afterSaleId;
        OrderId = orderId;
        Amount = amount;
        Reference = reference;
        PaidAt = paidAt;
    }

    /// <summary>Refund id (the idempotency key at the payment system).</summary>
    public string RefundId { get; private set; }

    /// <summary>The after-sale.</summary>
    public string AfterSaleId { get; private set; }

    public string OrderId { get; private set; }

    /// <summary>Money paid out.</summary>
    public decimal Amount { get; private set; }

    /// <summary>The payment system's reference.</summary>
    public string Reference { get; private set; }

    /// <summary>When it was recorded.</summary>
    public DateTimeOffset PaidAt { get; private set; }
}
