namespace ReversePaas.Sdk.Orders;

/// <summary>A line of the forward order with its split data (what was actually paid for it).</summary>
public sealed class OrderLineView
{
    /// <summary>Line number, unique in the order.</summary>
    public required int LineNo { get; init; }

    /// <summary>The SKU.</summary>
    public required string SkuId { get; init; }

    /// <summary>The SKU's display name.</summary>
    public required string SkuName { get; init; }

    /// <summary>Units ordered.</summary>
    public required int Quantity { get; init; }

    /// <summary>Price of one unit before discounts.</summary>
    public required decimal UnitPrice { get; init; }

    /// <summary>Promotion the line was sold under (a split-data dimension).</summary>
    public required string PromotionType { get; init; }

    /// <summary>Weight of the line in grams, for weight-priced goods (a split-data dimension).</summary>
    public required int? WeightGrams { get; init; }

    /// <summary>The line's part of the order's discounts.</summary>
    public required decimal AllocatedDiscount { get; init; }

    /// <summary>Quantity × unit price − allocated discount: what was paid for the line.</summary>
    public required decimal PaidAmount { get; init; }
}
