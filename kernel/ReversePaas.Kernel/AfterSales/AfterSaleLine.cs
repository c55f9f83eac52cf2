namespace ReversePaas.Kernel.AfterSales;

/// <summary>A line of an after-sale: the order line it claims, how many units and how much money.</summary>
public sealed class AfterSaleLine
{
    internal AfterSaleLine(string afterSaleId, string orderId, int lineNo, string skuId, string skuName, int quantity, decimal refundAmount, string? replacementSkuId = null)
    {
        ReplacementSkuId = replacementSkuId;
        AfterSaleId = afterSaleId;
        OrderId = orderId;
        LineNo = lineNo;
        SkuId = skuId;
        SkuName = skuName;
        Quantity = quantity;
        RefundAmount = refundAmount;
    }

    private AfterSaleLine()
    {
        AfterSaleId = OrderId = SkuId = SkuName = "";
    }

    /// <summary>The after-sale.</summary>
    public string AfterSaleId { get; private set; }

    /// <summary>The order (kept on the row so the order's claims are one indexed query).</summary>
    public string OrderId { get; private set; }

    /// <summary>The order line claimed.</summary>
    public int LineNo { get; private set; }

    /// <summary>SKU of the line.</summary>
    public string SkuId { get; private set; }

    /// <summary>SKU name (for search).</summary>
    public string SkuName { get; private set; }

    /// <summary>Units claimed.</summary>
    public int Quantity { get; private set; }

    /// <summary>For an exchange, the SKU sent back instead (API.md v1.1 <c>replacementSkuId</c>; null for the other types).</summary>
    public string? ReplacementSkuId { get; private set; }

    /// <summary>Money claimed for this line.</summary>
    public decimal RefundAmount { get; private set; }

    /// <summary>
    /// Prices the line afresh: an exchange or repair claims no money until its goods are refunded instead of sent out.
    /// </summary>
    internal void Reprice(decimal refundAmount) => RefundAmount = refundAmount;
}
