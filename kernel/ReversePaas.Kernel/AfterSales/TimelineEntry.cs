namespace ReversePaas.Kernel.AfterSales;

/// <summary>One step of an after-sale's history. Append-only: entries are never changed or removed.</summary>
public sealed class TimelineEntry
{
    internal TimelineEntry(int sequence, DateTimeOffset at, string status, string actor, string note)
    {
        Sequence = sequence;
        At = at;
        Status = status;
        Actor = actor;
        Note = note;
    }

    /// <summary>1, 2, 3… in order of writing.</summary>
    public int Sequence { get; }

    public DateTimeOffset At { get; }

    /// <summary>The status after this step.</summary>
    public string Status { get; }

    /// <summary>Who: <c>Role:subject</c>.</summary>
    public string Actor { get; }

    /// <summary>Why, or what happened.</summary>
    public string Note { get; }
}
