using ReversePaas.Sdk;
using ReversePaas.Sdk.Application;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Kernel.Defaults;

/// <summary>
/// Kernel default for <c>application.split-matcher</c>: the seed's dimensions in order, sku → +promotionType →
/// +price → +weight. Each dimension the applicant gave narrows the candidates; the result must be one line,
/// otherwise the request is refused naming the dimension that would tell the candidates apart.
/// </summary>
[Extension("kernel.split-matcher.dimensions", Description = "Matches sku, then promotionType, price and weight as far as needed; ambiguous or unmatched is refused.")]
public sealed class SplitDataLineMatcher : ISplitLineMatcher
{
    /// <inheritdoc />
    public SplitMatch Match(RequestedLine requested, IReadOnlyList<OrderLineView> lines)
    {
        var candidates = lines.Where(l => string.Equals(l.SkuId, requested.SkuId, StringComparison.Ordinal)).ToList();
        if (candidates.Count == 0)
        {
            return SplitMatch.NotFound($"The order has no line with SKU '{requested.SkuId}'.");
        }

        var named = $"SKU '{requested.SkuId}'";
        if (requested.PromotionType is { } promotion)
        {
            candidates = [.. candidates.Where(l => string.Equals(l.PromotionType, promotion, StringComparison.Ordinal))];
            named += $", promotionType '{promotion}'";
        }

        if (requested.UnitPrice is { } price)
        {
            candidates = [.. candidates.Where(l => l.UnitPrice == price)];
            named += $", unitPrice {price:0.00}";
        }

        if (requested.WeightGrams is { } weight)
        {
            candidates = [.. candidates.Where(l => l.WeightGrams == weight)];
            named += $", weightGrams {weight}";
        }

        if (candidates.Count == 1)
        {
            return SplitMatch.Matched(candidates[0]);
        }

        if (candidates.Count == 0)
        {
            return SplitMatch.NotFound($"No line of the order matches {named}.");
        }

        var differs = candidates.Select(l => l.PromotionType).Distinct().Count() > 1 ? "promotionType"
            : candidates.Select(l => l.UnitPrice).Distinct().Count() > 1 ? "unitPrice"
            : candidates.Select(l => l.WeightGrams).Distinct().Count() > 1 ? "weightGrams"
            : null;
        return SplitMatch.Ambiguous(differs is null
            ? $"{named} matches lines {string.Join(", ", candidates.Select(l => l.LineNo))}, which no dimension tells apart."
            : $"{named} matches lines {string.Join(", ", candidates.Select(l => l.LineNo))}: name the {differs} too.");
    }
}
