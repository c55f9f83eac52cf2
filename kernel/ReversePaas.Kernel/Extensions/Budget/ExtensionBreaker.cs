namespace ReversePaas.Kernel.Extensions.Budget;

/// <summary>
/// The circuit breaker of one extension (one plugin version): <see cref="ExtensionCallBudget.BreakAfterFailures"/>
/// consecutive failures or timeouts open it; while open every call answers <see cref="ExtensionUnavailableException"/>
/// at once; when <see cref="ExtensionCallBudget.BreakDuration"/> has passed the next call is the one trial that closes
/// or re-opens it. Hand-written rather than Polly's: the contract counts consecutive failures (Polly 8 counts a failure
/// ratio over a window), and a closed breaker costs one field read per call, where a resilience pipeline costs a context.
/// </summary>
public sealed class ExtensionBreaker
{
    private const int Closed = (int)BreakerState.Closed;
    private const int Open = (int)BreakerState.Open;
    private const int HalfOpen = (int)BreakerState.HalfOpen;

    private readonly ExtensionCallBudget _budget;
    private int _state;
    private int _failures;
    private long _openUntil;
    private string? _lastFailure;

    internal ExtensionBreaker(ExtensionCallBudget budget, ExtensionDescriptor extension)
    {
        _budget = budget;
        ExtensionId = extension.Id;
        PluginId = extension.Origin.PluginId;
        PluginVersion = extension.Origin.Version;
    }

    public string ExtensionId { get; }

    public string PluginId { get; }

    public string PluginVersion { get; }

    public ExtensionCallBudget Budget => _budget;

    public BreakerState State => (BreakerState)Volatile.Read(ref _state);

    /// <summary>Consecutive failures and timeouts since the last success.</summary>
    public int ConsecutiveFailures => Volatile.Read(ref _failures);

    /// <summary>What the last failure or timeout was, for the catalog and /readyz.</summary>
    public string? LastFailure => Volatile.Read(ref _lastFailure);

    /// <summary>When an open breaker lets the trial call through.</summary>
    public DateTimeOffset? OpenUntil => State == BreakerState.Closed ? null : new DateTimeOffset(Volatile.Read(ref _openUntil), TimeSpan.Zero);

    /// <summary>Lets a call through, or throws <see cref="ExtensionUnavailableException"/> while the breaker is open.</summary>
    internal void Enter(ExtensionResolution resolution, ExtensionDescriptor extension)
    {
        if (Volatile.Read(ref _state) != Closed)
        {
            EnterSlow(resolution, extension);
        }
    }

    internal void Succeeded()
    {
        // Written only when there is something to reset: a healthy extension's calls never write shared memory.
        if (Volatile.Read(ref _failures) != 0)
        {
            Volatile.Write(ref _failures, 0);
        }

        if (Volatile.Read(ref _state) == HalfOpen)
        {
            Interlocked.CompareExchange(ref _state, Closed, HalfOpen);
        }
    }

    internal void Failed(string reason)
    {
        Volatile.Write(ref _lastFailure, reason);
        var state = Volatile.Read(ref _state);
        if (state == HalfOpen)
        {
            // The trial failed: break again for the whole duration.
            Volatile.Write(ref _openUntil, _budget.Time.GetUtcNow().UtcTicks + _budget.BreakDuration.Ticks);
            Interlocked.CompareExchange(ref _state, Open, HalfOpen);
            return;
        }

        if (Interlocked.Increment(ref _failures) >= _budget.BreakAfterFailures && state == Closed)
        {
            Volatile.Write(ref _openUntil, _budget.Time.GetUtcNow().UtcTicks + _budget.BreakDuration.Ticks);
            if (Interlocked.CompareExchange(ref _state, Open, Closed) == Closed)
            {
                Volatile.Write(ref _failures, 0);
            }
        }
    }

    private void EnterSlow(ExtensionResolution resolution, ExtensionDescriptor extension)
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            switch (state)
            {
                case Closed:
                    return;
                case Open:
                    var left = Volatile.Read(ref _openUntil) - _budget.Time.GetUtcNow().UtcTicks;
                    if (left > 0)
                    {
                        throw new ExtensionUnavailableException(resolution, extension, TimeSpan.FromTicks(left), LastFailure);
                    }

                    if (Interlocked.CompareExchange(ref _state, HalfOpen, Open) == Open)
                    {
                        return; // this call is the trial
                    }

                    break;
                default:
                    // A trial call is deciding; it is bounded by the call timeout.
                    throw new ExtensionUnavailableException(resolution, extension, _budget.CallTimeout, LastFailure);
            }
        }
    }
}
