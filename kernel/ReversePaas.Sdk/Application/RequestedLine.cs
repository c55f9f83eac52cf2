namespace ReversePaas.Sdk.Application;

/// <summary>One line of an after-sale application, as the applicant named it.</summary>
public sealed class RequestedLine
{
    /// <summary>The SKU asked about.</summary>
    public required string SkuId { get; init; }

    /// <summary>Narrows the split-data match to a promotion, when given.</summary>
    public string? PromotionType { get; init; }

    /// <summary>Narrows the split-data match to a unit price, when given.</summary>
    public decimal? UnitPrice { get; init; }

    /// <summary>Narrows the split-data match to a weight, when given.</summary>
    public int? WeightGrams { get; init; }

    /// <summary>Units asked for.</summary>
    public required int Quantity { get; init; }

    /// <summary>Grams missing from a weight-priced line (weight-difference refunds), when the applicant says so. Since 1.1.</summary>
    public int? MissingWeightGrams { get; init; }

    /// <summary>A partial refund (price or weight difference) instead of the paid amount; <c>RefundOnly</c> only.</summary>
    public decimal? RefundAmount { get; init; }

    /// <summary>The SKU to send back instead of <see cref="SkuId"/>; <c>Exchange</c> only (null: the same SKU). Since 1.2.</summary>
    public string? ReplacementSkuId { get; init; }
}
