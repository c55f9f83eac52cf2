using System.Collections.Concurrent;
using System.Diagnostics;

namespace ReversePaas.Kernel.Extensions.Budget;

/// <summary>
/// The call budget every extension call runs under (API.md v1.1, "Extension call budget"): a call longer than
/// <see cref="CallTimeout"/> fails as <see cref="ExtensionTimeoutException"/>, and after <see cref="BreakAfterFailures"/>
/// consecutive failures or timeouts of one extension its breaker opens for <see cref="BreakDuration"/>. One per host;
/// it keeps one <see cref="ExtensionBreaker"/> per extension and plugin version, across reloads.
/// </summary>
public sealed class ExtensionCallBudget
{
    private readonly ConcurrentDictionary<string, ExtensionBreaker> _breakers = new(StringComparer.Ordinal);

    public ExtensionCallBudget(TimeSpan callTimeout, int breakAfterFailures, TimeSpan breakDuration, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(callTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(breakAfterFailures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(breakDuration, TimeSpan.Zero);
        CallTimeout = callTimeout;
        BreakAfterFailures = breakAfterFailures;
        BreakDuration = breakDuration;
        Time = time;
        // Elapsed time is read with Stopwatch timestamps (the cheapest clock); the limit is kept in its units.
        TimeoutTicks = (long)(callTimeout.TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary><c>Extensions:CallTimeout</c>: the longest one extension call may run.</summary>
    public TimeSpan CallTimeout { get; }

    /// <summary><c>Extensions:BreakAfterFailures</c>: consecutive failures or timeouts that open an extension's breaker.</summary>
    public int BreakAfterFailures { get; }

    /// <summary><c>Extensions:BreakDuration</c>: how long an open breaker refuses calls before one trial call.</summary>
    public TimeSpan BreakDuration { get; }

    /// <summary>The clock that times breaks (tests move it; the call timeout itself is measured on the real clock).</summary>
    public TimeProvider Time { get; }

    internal long TimeoutTicks { get; }

    /// <summary>Every breaker made so far: one per extension and plugin version.</summary>
    public IReadOnlyCollection<ExtensionBreaker> Breakers => (IReadOnlyCollection<ExtensionBreaker>)_breakers.Values;

    /// <summary>The breaker of <paramref name="extension"/> (the same one for the same plugin version after a reload).</summary>
    public ExtensionBreaker BreakerFor(ExtensionDescriptor extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        var key = $"{extension.Origin.PluginId}@{extension.Origin.Version}/{extension.Id}";
        return _breakers.GetOrAdd(key, static (_, state) => new ExtensionBreaker(state.Budget, state.Extension), (Budget: this, Extension: extension));
    }

    /// <summary>Gives every extension of <paramref name="snapshot"/> its breaker, so a call finds it without a lookup.</summary>
    public void Attach(ExtensionSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        foreach (var extension in snapshot.Extensions)
        {
            extension.Breaker = BreakerFor(extension);
        }
    }
}
