using ReversePaas.Sdk.Orders;

namespace ReversePaas.Sdk.Application;

/// <summary>
/// Finds the split-data line a requested line means. Kernel default: match by SKU, then narrow by
/// promotion type, price and weight as far as needed to be unique; ambiguous or unmatched is refused,
/// never guessed.
/// </summary>
[ExtensionPoint(Code, Activity.Application, CombineMode.Single, Description = "Matches a requested line to split data (sku → promotionType → price → weight).")]
public interface ISplitLineMatcher
{
    /// <summary>The code of this extension point.</summary>
    const string Code = "application.split-matcher";

    /// <summary>Matches <paramref name="requested"/> to one of <paramref name="lines"/>.</summary>
    SplitMatch Match(RequestedLine requested, IReadOnlyList<OrderLineView> lines);
}
