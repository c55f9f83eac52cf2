using ReversePaas.Sdk.Orders;

namespace ReversePaas.Sdk.Application;

/// <summary>The split-data line a requested line matched, or why none did.</summary>
public sealed class SplitMatch
{
    private SplitMatch(OrderLineView? line, bool ambiguous, string? reason)
    {
        Line = line;
        IsAmbiguous = ambiguous;
        Reason = reason;
    }

    /// <summary>The matched line (null when not matched).</summary>
    public OrderLineView? Line { get; }

    /// <summary>True when several lines matched and nothing told them apart.</summary>
    public bool IsAmbiguous { get; }

    /// <summary>Why no line was matched (null when matched).</summary>
    public string? Reason { get; }

    /// <summary>Exactly one line matched.</summary>
    public static SplitMatch Matched(OrderLineView line) => new(line ?? throw new ArgumentNullException(nameof(line)), false, null);

    /// <summary>No line matched.</summary>
    public static SplitMatch NotFound(string reason) => new(null, false, reason);

    /// <summary>Several lines matched; the applicant must name more dimensions.</summary>
    public static SplitMatch Ambiguous(string reason) => new(null, true, reason);
}
