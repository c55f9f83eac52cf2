using System.Diagnostics;
using System.Runtime.CompilerServices;
using ReversePaas.Kernel.Telemetry;

namespace ReversePaas.Kernel.Extensions.Budget;

/// <summary>
/// Every extension call goes through here: the breaker is asked, the call is timed against the budget, and what
/// the extension throws comes back as <see cref="ExtensionFailedException"/>. Without a budget (kernel tests, tools)
/// only the wrapping is left. A call that finishes in time allocates nothing: two timestamps, an ambient read and,
/// inside a unit of work, one compare-and-swap. While a meter or tracer listens, each call is also counted, timed and
/// (when traced) a span, whatever its outcome (<see cref="ExtensionTelemetry"/>); and where the host counts usage for
/// the catalog, it goes into the resolution's usage cell.
/// </summary>
internal static class ExtensionCall
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TResult Run<TPoint, TArg, TResult>(TPoint instance, ExtensionResolution resolution, ExtensionDescriptor extension, TArg argument, Func<TPoint, TArg, TResult> call)
        => ExtensionTelemetry.Observed || resolution.Usage is not null ? RunObserved(instance, resolution, extension, argument, call) : RunBudgeted(instance, resolution, extension, argument, call);

    public static Task<TResult> RunAsync<TPoint, TArg, TResult>(
        TPoint instance, ExtensionResolution resolution, ExtensionDescriptor extension, TArg argument,
        Func<TPoint, TArg, CancellationToken, Task<TResult>> call, CancellationToken cancellationToken)
        => ExtensionTelemetry.Observed || resolution.Usage is not null
            ? RunObservedAsync(instance, resolution, extension, argument, call, cancellationToken)
            : RunBudgetedAsync(instance, resolution, extension, argument, call, cancellationToken);

    private static TResult RunObserved<TPoint, TArg, TResult>(TPoint instance, ExtensionResolution resolution, ExtensionDescriptor extension, TArg argument, Func<TPoint, TArg, TResult> call)
    {
        var started = Stopwatch.GetTimestamp();
        var activity = ExtensionTelemetry.Start(resolution, extension);
        try
        {
            var result = RunBudgeted(instance, resolution, extension, argument, call);
            ExtensionTelemetry.Finish(activity, started, resolution, extension, null);
            return result;
        }
        catch (Exception ex) when (ExtensionTelemetry.Finish(activity, started, resolution, extension, ex))
        {
            throw; // Not reached: Finish records the outcome and declines the exception.
        }
    }

    // Not async itself: a call that completes synchronously (most extensions) hands back the inner task, so metering
    // adds no Task of its own (an async wrapper's Task<T>, 72 B, was new even then).
    private static Task<TResult> RunObservedAsync<TPoint, TArg, TResult>(
        TPoint instance, ExtensionResolution resolution, ExtensionDescriptor extension, TArg argument,
        Func<TPoint, TArg, CancellationToken, Task<TResult>> call, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var activity = ExtensionTelemetry.Start(resolution, extension);
        var task = RunBudgetedAsync(instance, resolution, extension, argument, call, cancellationToken);
        if (task.IsCompletedSuccessfully)
        {
            ExtensionTelemetry.Finish(activity, started, resolution, extension, null);
            return task;
        }

        var observed = FinishObservedAsync(task, activity, started, resolution, extension);
        if (activity is not null)
        {
            // Start made the span current in the caller's context; an async method would have undone that on return.
            Activity.Current = activity.Parent;
        }

        return observed;
    }

    private static async Task<TResult> FinishObservedAsync<TResult>(
        Task<TResult> task, Activity? activity, long started, ExtensionResolution resolution, ExtensionDescriptor extension)
    {
        try
        {
            var result = await task;
            ExtensionTelemetry.Finish(activity, started, resolution, extension, null);
            return result;
        }
        catch (Exception ex) when (ExtensionTelemetry.Finish(activity, started, resolution, extension, ex))
        {
            throw; // Not reached: Finish records the outcome and declines the exception.
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TResult RunBudgeted<TPoint, TArg, TResult>(TPoint instance, ExtensionResolution resolution, ExtensionDescriptor extension, TArg argument, Func<TPoint, TArg, TResult> call)
    {
        var breaker = extension.Breaker;
        if (breaker is null)
        {
            try
            {
                return call(instance, argument);
            }
            catch (Exception ex) when (ExtensionFailedException.Blames(ex))
            {
                throw new ExtensionFailedException(resolution, extension, ex);
            }
        }

        breaker.Enter(resolution, extension);
        var scope = ExtensionCallScope.Current;
        var started = scope?.Enter(extension, resolution) ?? Stopwatch.GetTimestamp();
        TResult result;
        try
        {
            result = call(instance, argument);
        }
        catch (Exception ex) when (Failed(breaker, scope, resolution, extension, ex) is { } failure)
        {
            throw failure;
        }

        Completed(breaker, scope, started, resolution, extension);
        return result;
    }

    private static async Task<TResult> RunBudgetedAsync<TPoint, TArg, TResult>(
        TPoint instance, ExtensionResolution resolution, ExtensionDescriptor extension, TArg argument,
        Func<TPoint, TArg, CancellationToken, Task<TResult>> call, CancellationToken cancellationToken)
    {
        var breaker = extension.Breaker;
        if (breaker is null)
        {
            try
            {
                return await call(instance, argument, cancellationToken);
            }
            catch (Exception ex) when (ExtensionFailedException.Blames(ex))
            {
                throw new ExtensionFailedException(resolution, extension, ex);
            }
        }

        breaker.Enter(resolution, extension);
        var scope = ExtensionCallScope.Current;
        var started = scope?.Enter(extension, resolution) ?? Stopwatch.GetTimestamp();
        TResult result;
        try
        {
            var task = call(instance, argument, cancellationToken);
            if (!task.IsCompleted)
            {
                var left = breaker.Budget.CallTimeout - Stopwatch.GetElapsedTime(started);
                try
                {
                    await task.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, cancellationToken);
                }
                catch (TimeoutException) when (!task.IsCompleted)
                {
                    // The budget ran out (a TimeoutException the extension itself threw is its own failure, below).
                    _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                    throw TimedOut(breaker, scope, resolution, extension);
                }
            }

            result = await task;
        }
        catch (Exception ex) when (ex is not ExtensionTimeoutException && Failed(breaker, scope, resolution, extension, ex) is { } failure)
        {
            throw failure;
        }

        Completed(breaker, scope, started, resolution, extension);
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Completed(ExtensionBreaker breaker, ExtensionCallScope? scope, long started, ExtensionResolution resolution, ExtensionDescriptor extension)
    {
        if (scope is not null && !scope.Exit())
        {
            // The watcher gave up on this call (and counted it): its result must not be used.
            throw new ExtensionTimeoutException(resolution, extension, breaker.Budget.CallTimeout);
        }

        if (Stopwatch.GetTimestamp() - started > breaker.Budget.TimeoutTicks)
        {
            // Over the budget is a timeout even when the call did return.
            throw Counted(breaker, new ExtensionTimeoutException(resolution, extension, breaker.Budget.CallTimeout));
        }

        breaker.Succeeded();
    }

    private static ExtensionTimeoutException TimedOut(ExtensionBreaker breaker, ExtensionCallScope? scope, ExtensionResolution resolution, ExtensionDescriptor extension)
    {
        var timedOut = new ExtensionTimeoutException(resolution, extension, breaker.Budget.CallTimeout);
        // When the watcher gave up on the call first, it has counted it already.
        return scope is null || scope.Exit() ? Counted(breaker, timedOut) : timedOut;
    }

    /// <summary>What a call that threw becomes: null to rethrow as it is (not the extension's fault).</summary>
    private static Exception? Failed(ExtensionBreaker breaker, ExtensionCallScope? scope, ExtensionResolution resolution, ExtensionDescriptor extension, Exception thrown)
    {
        if (scope is not null && !scope.Exit())
        {
            // The watcher gave up on this call and has answered for it; what it threw afterwards changes nothing.
            return new ExtensionTimeoutException(resolution, extension, breaker.Budget.CallTimeout);
        }

        return ExtensionFailedException.Blames(thrown) ? Counted(breaker, new ExtensionFailedException(resolution, extension, thrown)) : null;
    }

    private static T Counted<T>(ExtensionBreaker breaker, T failure)
        where T : Exception
    {
        breaker.Failed(failure.Message);
        return failure;
    }
}
