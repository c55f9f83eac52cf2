using System.Diagnostics;

namespace ReversePaas.Kernel.Extensions.Budget;

/// <summary>
/// The call budget of one unit of work (a request's change, a background step): it knows which extension call is
/// running and since when, and <see cref="RunAsync{T}"/> stops waiting for the work once that call outlives
/// <see cref="ExtensionCallBudget.CallTimeout"/>, so the caller releases the order's lock and writes nothing while
/// the call, which .NET cannot interrupt, runs on by itself. Ambient in its async flow; one allocation per unit of work.
/// </summary>
public sealed class ExtensionCallScope : IDisposable
{
    private const long Idle = 0;
    private const long InCall = 1;
    private const long Abandoned = 2;

    private static readonly AsyncLocal<ExtensionCallScope?> Ambient = new();

    private readonly ExtensionCallBudget _budget;
    private readonly ExtensionCallScope? _outer;

    // (call sequence << 2) | phase: the watcher can only abandon the very call whose start it read.
    private long _state;
    private long _sequence;
    private long _started;
    private ExtensionDescriptor? _extension;
    private ExtensionResolution? _resolution;

    private ExtensionCallScope(ExtensionCallBudget budget, ExtensionCallScope? outer)
    {
        _budget = budget;
        _outer = outer;
    }

    /// <summary>The scope of the unit of work in this async flow, if it opened one.</summary>
    public static ExtensionCallScope? Current => Ambient.Value;

    /// <summary>Opens a scope for the unit of work in this async flow; dispose it when the unit ends.</summary>
    public static ExtensionCallScope Open(ExtensionCallBudget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        var scope = new ExtensionCallScope(budget, Ambient.Value);
        Ambient.Value = scope;
        return scope;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the thread pool and waits for it, but no longer than the extension call running
    /// in it may take: then throws <see cref="ExtensionTimeoutException"/> (the breaker has counted it) and leaves the
    /// work behind. The work can only be left while it is inside an extension, whose return then throws too, so none of
    /// the kernel's code after the call ever runs.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        // On the pool: a synchronous extension that blocks must block that thread, not the one that has to answer.
        var running = Task.Run(work);
        while (true)
        {
            var wait = _budget.CallTimeout;
            var state = Volatile.Read(ref _state);
            if ((state & 3) == InCall)
            {
                wait -= Stopwatch.GetElapsedTime(Volatile.Read(ref _started));
            }

            if (wait > TimeSpan.Zero)
            {
                try
                {
                    return await running.WaitAsync(wait);
                }
                catch (TimeoutException)
                {
                    // Whether a call is what took so long is decided below.
                }
            }

            if (TryAbandon() is { } timedOut)
            {
                // Whatever the left-behind work ends with is observed here, never as an unobserved task exception.
                _ = running.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                throw timedOut;
            }
        }
    }

    /// <summary>Marks a call as running; returns its start (a <see cref="Stopwatch"/> timestamp).</summary>
    internal long Enter(ExtensionDescriptor extension, ExtensionResolution resolution)
    {
        var state = Volatile.Read(ref _state);
        if ((state & 3) == Abandoned)
        {
            throw new ExtensionTimeoutException(_resolution!, _extension!, _budget.CallTimeout);
        }

        var sequence = ++_sequence;
        var started = Stopwatch.GetTimestamp();
        _extension = extension;
        _resolution = resolution;
        Volatile.Write(ref _started, started);
        Volatile.Write(ref _state, (sequence << 2) | InCall);
        return started;
    }

    /// <summary>Marks the call as done; false when the watcher had already given up on it.</summary>
    internal bool Exit()
    {
        var inCall = (_sequence << 2) | InCall;
        return Interlocked.CompareExchange(ref _state, _sequence << 2, inCall) == inCall;
    }

    private ExtensionTimeoutException? TryAbandon()
    {
        var state = Volatile.Read(ref _state);
        if ((state & 3) != InCall)
        {
            return null;
        }

        var extension = _extension!;
        var resolution = _resolution!;
        var started = Volatile.Read(ref _started);
        if (Volatile.Read(ref _state) != state || Stopwatch.GetElapsedTime(started) < _budget.CallTimeout
            || Interlocked.CompareExchange(ref _state, (state & ~3L) | Abandoned, state) != state)
        {
            return null;
        }

        var timedOut = new ExtensionTimeoutException(resolution, extension, _budget.CallTimeout);
        extension.Breaker?.Failed(timedOut.Message);
        return timedOut;
    }

    public void Dispose()
    {
        if (ReferenceEquals(Ambient.Value, this))
        {
            Ambient.Value = _outer;
        }
    }
}
