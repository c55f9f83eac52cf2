using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
namespace ReversePaas.Persistence.Outbox;

/// <summary>
/// A background loop that runs passes over durable work: again at once while a pass found work, otherwise when woken
/// by its signal or after the poll interval (the safety net that picks up work a crashed process left). A failing
/// pass is logged and retried after the interval; the host never stops because of it.
/// </summary>
public abstract partial class PollingWorker(WakeSignal signal, ILogger logger) : BackgroundService
{
    /// <summary>How long an idle loop waits for its signal before looking again (default 500 ms).</summary>
    protected virtual TimeSpan PollInterval => TimeSpan.FromMilliseconds(500);

    /// <summary>One pass; returns how many items it handled.</summary>
    protected abstract Task<int> RunPassAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunPassAsync(stoppingToken) == 0)
                {
                    await signal.WaitAsync(PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPassFailed(logger, GetType().Name, ex);
                await Task.Delay(PollInterval, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Worker} pass failed; retrying")]
    private static partial void LogPassFailed(ILogger logger, string worker, Exception ex);
}
