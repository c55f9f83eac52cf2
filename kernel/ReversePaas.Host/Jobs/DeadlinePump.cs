using Hangfire;
using ReversePaas.Persistence.Deadlines;
using ReversePaas.Persistence.Outbox;
using ReversePaas.Persistence.Sharding;

namespace ReversePaas.Host.Jobs;

/// <summary>
/// Claims the deadlines due on the host's clock and queues one Hangfire run for each: every
/// <see cref="JobsOptions.PollingInterval"/>, or at once when a deadline already due is set (<see cref="DeadlineSignal"/>).
/// Every host runs it; the claim (a conditional update) lets one host queue a deadline, and any host's Hangfire server
/// may run it. A claim whose run could not be queued is given up at once; one whose run was lost with its host lapses
/// after <see cref="JobsOptions.ClaimLease"/> and is claimed again. On a sharded host the deadlines of an order are in
/// its shard database (the outbox of that shard sets them), and each pass claims from every shard in turn.
/// </summary>
internal sealed partial class DeadlinePump(
    ShardScopes scopes, IBackgroundJobClient jobs, DeadlineSignal signal, JobsOptions options, TimeProvider time, ILogger<DeadlinePump> logger)
    : PollingWorker(signal, logger)
{
    protected override TimeSpan PollInterval => options.PollingInterval;

    /// <summary>One pass: the number of deadlines claimed and queued.</summary>
    protected override async Task<int> RunPassAsync(CancellationToken cancellationToken)
    {
        var claimed = 0;
        foreach (var database in scopes.Databases)
        {
            claimed += await ClaimAndQueueAsync(database, cancellationToken);
        }

        return claimed;
    }

    private async Task<int> ClaimAndQueueAsync(int? database, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope(database);
        var book = scope.ServiceProvider.GetRequiredService<DeadlineBook>();
        var claimed = await book.ClaimDueAsync(time.GetUtcNow(), options.ClaimLease, options.BatchSize, cancellationToken);
        foreach (var deadline in claimed)
        {
            if (!DeadlineScheduler.TryKindOf(deadline.Kind, out var kind))
            {
                LogUnknownKind(logger, deadline.Kind, deadline.Key);
                continue;
            }

            try
            {
                jobs.Enqueue<DeadlineJob>(job => job.RunAsync(kind, deadline.Key, deadline.RunId!, CancellationToken.None));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogQueueFailed(logger, deadline.Kind, deadline.Key, ex);
                await book.ReleaseAsync(deadline.Kind, deadline.Key, deadline.RunId!, CancellationToken.None);
            }
        }

        return claimed.Count;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Deadline {Kind} of {Key} has a kind this host does not know; it stays claimed until its lease lapses")]
    private static partial void LogUnknownKind(ILogger logger, string kind, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deadline {Kind} of {Key} could not be queued; it is claimed again on the next pass")]
    private static partial void LogQueueFailed(ILogger logger, string kind, string key, Exception ex);
}
