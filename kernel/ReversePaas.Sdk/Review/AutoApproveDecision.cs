namespace ReversePaas.Sdk.Review;

/// <summary>Whether an after-sale skips review, and why (written to its timeline).</summary>
public sealed class AutoApproveDecision
{
    private AutoApproveDecision(bool approve, string note)
    {
        Approve = approve;
        Note = note;
    }

    /// <summary>Review is needed.</summary>
    public static AutoApproveDecision Review { get; } = new(false, "");

    /// <summary>True when the after-sale is approved without review.</summary>
    public bool Approve { get; }

    /// <summary>Why it was approved.</summary>
    public string Note { get; }

    /// <summary>Approves without review; <paramref name="note"/> says which rule did.</summary>
    public static AutoApproveDecision Approved(string note) => new(true, note);
}
