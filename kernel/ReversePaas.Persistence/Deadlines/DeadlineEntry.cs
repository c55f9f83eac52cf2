namespace ReversePaas.Persistence.Deadlines;

/// <summary>
/// One deadline the hosts keep (table <c>deadlines</c>): what is due when, and which run, if any, has claimed it. The
/// due time is on the hosts' <see cref="TimeProvider"/>, which drills and tests move; the job system only runs what this
/// table says is due.
/// </summary>
public sealed class DeadlineEntry
{
    /// <summary>The kind's name (<c>unpaid-order</c>, <c>review-timeout</c>, …).</summary>
    public string Kind { get; set; } = "";

    /// <summary>The order or after-sale the deadline belongs to.</summary>
    public string Key { get; set; } = "";

    /// <summary>When it is due.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>The run that claimed it (null while waiting); only that run may finish it.</summary>
    public string? RunId { get; set; }

    /// <summary>Until when the claim holds; a claim whose run was lost (its host died) lapses then and is claimed again.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
}
