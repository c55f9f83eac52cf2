using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReversePaas.Persistence.Sharding;

namespace ReversePaas.Persistence.Outbox;

/// <summary>
/// Deletes outbox messages dispatched longer ago than <see cref="OutboxOptions.RetainDispatchedFor"/>, with their
/// delivery records; without it both tables grow with every change for as long as the installation runs. Messages not
/// dispatched (pending, failing, deferred) are never touched, whatever their age: they are work still to do. Every host
/// sweeps, a minute after start and then every five minutes; see <see cref="SweepOnceAsync"/> for why several at once
/// are safe.
/// </summary>
/// <remarks>On a sharded host it sweeps each shard database's outbox in turn.</remarks>
public sealed partial class OutboxRetentionSweep(ShardScopes scopes, OutboxOptions options, TimeProvider time, ILogger<OutboxRetentionSweep> logger) : BackgroundService
{
    // Not at once: start-up (schema, plugins, the job store) and the dispatcher's catch-up come first.
    private static readonly TimeSpan FirstSweepAfter = TimeSpan.FromMinutes(1);

    // Rows become due continuously and nothing waits for them to go: a few minutes' lag costs nothing.
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Messages deleted per transaction (default 1,000; tests lower it to see several batches). Each batch is one short
    /// transaction, so a sweep with a large backlog (the first after an upgrade) never holds locks for long.
    /// </summary>
    internal int BatchSize { get; init; } = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstSweepAfter, time, stoppingToken);
            while (true)
            {
                try
                {
                    await SweepOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // Housekeeping: nothing depends on it having run, so the next period simply tries again.
                    LogSweepFailed(logger, SweepInterval, ex);
                }

                await Task.Delay(SweepInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    /// <summary>
    /// One sweep, run by the loop (and by tests, which move the clock instead of waiting for the timer); returns what it
    /// deleted. Batch by batch until none is left: take up to <see cref="BatchSize"/> messages dispatched before the
    /// cutoff (served by the index on <c>(dispatched_at, id)</c>), delete their delivery records, then the messages, in
    /// one transaction. Deliveries go first so that no record outlives its message. On PostgreSQL the batch is locked
    /// with <c>FOR UPDATE SKIP LOCKED</c>: hosts sweeping at once take disjoint batches instead of waiting for (or
    /// deadlocking on) each other's rows; on SQLite the transaction takes the single write lock before it reads. A
    /// dispatched message is never written again, so deleting it cannot race the dispatcher, and the deletes are
    /// idempotent: whatever another sweep removed first is simply not counted here.
    /// </summary>
    internal async Task<(int Messages, int Deliveries)> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (options.RetainDispatchedFor >= now - DateTimeOffset.UnixEpoch)
        {
            // Nothing was dispatched that long ago (and the cutoff would underflow what the databases store).
            return (0, 0);
        }

        // Fixed for the whole sweep, so that a large backlog ends rather than chasing rows that age meanwhile.
        var cutoff = now - options.RetainDispatchedFor;
        var (messages, deliveries) = (0, 0);
        foreach (var database in scopes.Databases)
        {
            var (m, d) = await SweepAsync(database, cutoff, cancellationToken);
            (messages, deliveries) = (messages + m, deliveries + d);
        }

        if (messages + deliveries > 0)
        {
            LogSwept(logger, messages, deliveries, options.RetainDispatchedFor);
        }

        return (messages, deliveries);
    }

    private async Task<(int Messages, int Deliveries)> SweepAsync(int? database, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope(database);
        var db = scope.ServiceProvider.GetRequiredService<ReverseDbContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var (messages, deliveries) = (0, 0);
        bool full;
        do
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var batch = await TakeBatchAsync(db, cutoff, cancellationToken);
            if (batch.Count > 0)
            {
                deliveries += await db.OutboxDeliveries.Where(d => batch.Contains(d.MessageId)).ExecuteDeleteAsync(cancellationToken);
                messages += await db.OutboxMessages.Where(m => batch.Contains(m.Id) && m.DispatchedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            // A short batch means the rest (if any) is held by another host's sweep, which deletes it.
            full = batch.Count == BatchSize;
        }
        while (full);

        return (messages, deliveries);
    }

    private Task<List<long>> TakeBatchAsync(ReverseDbContext db, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            // EF has no row-locking clause; the statement is the same as the query below with one added.
            return db.Database.SqlQuery<long>(
                $"SELECT id AS \"Value\" FROM outbox_messages WHERE dispatched_at < {cutoff} ORDER BY dispatched_at, id LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
                .ToListAsync(cancellationToken);
        }

        return db.OutboxMessages.Where(m => m.DispatchedAt < cutoff).OrderBy(m => m.DispatchedAt).ThenBy(m => m.Id)
            .Select(m => m.Id).Take(BatchSize).ToListAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox retention removed {Messages} message(s) dispatched more than {Retention} ago and {Deliveries} delivery record(s)")]
    private static partial void LogSwept(ILogger logger, int messages, int deliveries, TimeSpan retention);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox retention sweep failed; it runs again in {Interval}")]
    private static partial void LogSweepFailed(ILogger logger, TimeSpan interval, Exception ex);
}
