using ReversePaas.Kernel.Activities;

namespace ReversePaas.Host.Execution;

/// <summary>
/// Runs the background steps of the execution activity (refunds with retries, interception retries, return
/// logistics) as soon as they are due: woken by requests, and polling as a safety net so that work left by a
/// crashed process is picked up after restart. Each item runs in its own scope under its order's lock.
/// </summary>
internal sealed partial class ExecutionWorker(IServiceScopeFactory scopes, ExecutionSignal signal, ILogger<ExecutionWorker> logger) : PollingWorker(signal, logger)
{
    protected override async Task<int> RunPassAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> due;
        using (var scope = scopes.CreateScope())
        {
            due = await scope.ServiceProvider.GetRequiredService<ExecutionActivity>().DueAsync(50, cancellationToken);
        }

        foreach (var id in due)
        {
            using var scope = scopes.CreateScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<ExecutionActivity>().RunDueAsync(id, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogItemFailed(logger, id, ex);
            }
        }

        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background step for {Id} failed; it will be retried")]
    private static partial void LogItemFailed(ILogger logger, string id, Exception ex);
}
