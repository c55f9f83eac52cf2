namespace ReversePaas.Kernel.AfterSales;

/// <summary>One step of an after-sale's history. Append-only: entries are never changed or removed.</summary>
public sealed class TimelineEntry
{
    internal TimelineEntry(string afterSaleId, int sequence, DateTimeOffset at, string status, string actor, string note)
    {
        AfterSaleId = afterSaleId;
        Sequence = sequence;
        At = at;
        Status = status;
        Actor = actor;
        Note = note;
    }

    private TimelineEntry()
    {
        AfterSaleId = Status = Actor = Note = "";
    }

    /// <summary>The after-sale.</summary>
    public string AfterSaleId { get; private set; }

    /// <summary>1, 2, 3… in order of writing.</summary>
    public int Sequence { get; private set; }

    /// <summary>When.</summary>
    public DateTimeOffset At { get; private set; }

    /// <summary>The status after this step.</summary>
    public string Status { get; private set; }

    /// <summary>Who: <c>Role:subject</c>.</summary>
    public string Actor { get; private set; }

    /// <summary>Why, or what happened.</summary>
    public string Note { get; private set; }
}
