namespace ReversePaas.Kernel.Orders;

/// <summary>
/// The result of <see cref="DiscountAllocator.Allocate"/>: every discount split over the lines of its scope.
/// </summary>
public sealed class DiscountAllocation
{
    private readonly Dictionary<int, decimal> _byLine;

    internal DiscountAllocation(DiscountPart[] parts)
    {
        Parts = Array.AsReadOnly(parts);
        _byLine = [];
        foreach (var part in parts)
        {
            _byLine[part.LineNo] = _byLine.TryGetValue(part.LineNo, out var sum) ? sum + part.Amount : part.Amount;
        }
    }

    /// <summary>
    /// One part per (discount, line of its scope), in discount order, then by line number; lines of a scope
    /// that receive nothing still have a part of 0.00.
    /// </summary>
    public IReadOnlyList<DiscountPart> Parts { get; }

    /// <summary>The total of all discounts allocated to <paramref name="lineNo"/>; 0.00 when no discount covers it.</summary>
    /// <param name="lineNo">The line number.</param>
    public decimal AllocatedTo(int lineNo) => _byLine.TryGetValue(lineNo, out var sum) ? sum : 0.00m;
}
