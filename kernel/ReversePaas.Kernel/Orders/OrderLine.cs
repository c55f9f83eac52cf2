using ReversePaas.Sdk.Orders;

namespace ReversePaas.Kernel.Orders;

/// <summary>A line of a forward order with its split data. Never changed after registration.</summary>
public sealed class OrderLine
{
    internal OrderLine(string orderId, OrderRegistrationLine line, decimal allocatedDiscount)
    {
        OrderId = orderId;
        LineNo = line.LineNo;
        SkuId = line.SkuId;
        SkuName = line.SkuName;
        Quantity = line.Quantity;
        UnitPrice = line.UnitPrice;
        PromotionType = line.PromotionType;
        WeightGrams = line.WeightGrams;
        AllocatedDiscount = allocatedDiscount;
        PaidAmount = (line.Quantity * line.UnitPrice) - allocatedDiscount;
    }

    // For the persistence layer.
    private OrderLine()
    {
        OrderId = SkuId = SkuName = PromotionType = "";
    }

    /// <summary>The order (leading key column: lines live on the order's shard).</summary>
    public string OrderId { get; private set; }

    /// <summary>Line number.</summary>
    public int LineNo { get; private set; }

    /// <summary>SKU.</summary>
    public string SkuId { get; private set; }

    /// <summary>SKU name.</summary>
    public string SkuName { get; private set; }

    public int Quantity { get; private set; }

    /// <summary>Unit price before discounts.</summary>
    public decimal UnitPrice { get; private set; }

    /// <summary>Promotion type.</summary>
    public string PromotionType { get; private set; }

    /// <summary>Weight in grams, for weight-priced goods.</summary>
    public int? WeightGrams { get; private set; }

    /// <summary>Allocated discount.</summary>
    public decimal AllocatedDiscount { get; private set; }

    /// <summary>Paid for the line.</summary>
    public decimal PaidAmount { get; private set; }

    /// <summary>The read-only view plugins see.</summary>
    public OrderLineView ToView() => new()
    {
        LineNo = LineNo,
        SkuId = SkuId,
        SkuName = SkuName,
        Quantity = Quantity,
        UnitPrice = UnitPrice,
        PromotionType = PromotionType,
        WeightGrams = WeightGrams,
        AllocatedDiscount = AllocatedDiscount,
        PaidAmount = PaidAmount,
    };
}
