namespace ReversePaas.Kernel.Activities;

/// <summary>
/// What running a deadline found: done (acted, or nothing was left to do because the state moved on), or due later
/// (a setting or the data changed since it was scheduled) — the scheduler then sets it again for <see cref="RetryAt"/>.
/// </summary>
public sealed record DeadlineOutcome(DateTimeOffset? RetryAt)
{
    /// <summary>Nothing more to do.</summary>
    public static DeadlineOutcome Done { get; } = new(RetryAt: null);

    /// <summary>Run again at <paramref name="at"/>.</summary>
    public static DeadlineOutcome Later(DateTimeOffset at) => new(at);
}
