using Microsoft.EntityFrameworkCore;
using ReversePaas.Host.Execution;
using ReversePaas.Persistence;
using ReversePaas.Persistence.Outbox;

namespace ReversePaas.Host.Outbox;

/// <summary>
/// Delivers outbox messages at least once to every consumer that accepts their topic, oldest first, recording each
/// delivery so a consumer is not called twice for a message by this dispatcher (a crash between the call and the
/// record means one more call: consumers are idempotent). A failing consumer holds back only its message, which is
/// retried with a growing delay.
/// </summary>
internal sealed partial class OutboxDispatcher(IServiceScopeFactory scopes, OutboxSignal signal, OutboxOptions options, TimeProvider time, ILogger<OutboxDispatcher> logger) : PollingWorker(signal, logger)
{
    private const int BatchSize = 50;

    /// <summary>One pass over pending messages; returns how many were handled.</summary>
    protected override async Task<int> RunPassAsync(CancellationToken cancellationToken)
    {
        if (options.Paused)
        {
            return 0;
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReverseDbContext>();
        var consumers = scope.ServiceProvider.GetServices<IOutboxConsumer>().ToList();
        var (pass, batch) = await ClaimAsync(db, cancellationToken);
        try
        {
            await DeliverAsync(db, batch, consumers, cancellationToken);
        }
        finally
        {
            if (batch.Count > 0)
            {
                // What this pass did not get to (stopping, or a failing pass) is free for the next pass or host now,
                // rather than after the lease.
                await db.OutboxMessages.Where(m => m.ClaimedBy == pass)
                    .ExecuteUpdateAsync(set => set.SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
            }
        }

        return batch.Count;
    }

    private async Task DeliverAsync(ReverseDbContext db, List<OutboxMessage> batch, List<IOutboxConsumer> consumers, CancellationToken cancellationToken)
    {
        foreach (var message in batch)
        {
            var delivered = await db.OutboxDeliveries.Where(d => d.MessageId == message.Id).Select(d => d.Consumer).ToListAsync(cancellationToken);
            var failed = false;
            foreach (var consumer in consumers.Where(c => c.Accepts(message.Topic) && !delivered.Contains(c.Name)))
            {
                try
                {
                    await consumer.HandleAsync(message, cancellationToken);
                    db.OutboxDeliveries.Add(new OutboxDelivery(message.Id, consumer.Name, time.GetUtcNow()));
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (OutboxDeferralException deferral)
                {
                    RevertPendingChanges(db, message);
                    message.Defer($"{consumer.Name}: {deferral.Message}", deferral.Until);
                    failed = true;
                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogDeliveryFailed(logger, message.Id, message.Topic, consumer.Name, ex);
                    RevertPendingChanges(db, message);
                    message.MarkFailed($"{consumer.Name}: {ex.Message}", time.GetUtcNow() + Backoff(message.Attempts));
                    failed = true;
                    break;
                }
            }

            if (!failed)
            {
                message.MarkDispatched(time.GetUtcNow());
            }

            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Claims up to a batch of due messages for this pass. Several hosts dispatch the same outbox: the conditional
    /// update lets each message go to one pass only (on PostgreSQL a racing update re-checks the row after the winner
    /// commits; SQLite has one writer), and a claim lapses after <see cref="OutboxOptions.ClaimLease"/> if its host died.
    /// </summary>
    private async Task<(string Pass, List<OutboxMessage> Batch)> ClaimAsync(ReverseDbContext db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var candidates = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.DispatchedAt == null && (m.NextAttemptAt == null || m.NextAttemptAt <= now) && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.Id)
            .Select(m => m.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        var pass = Guid.NewGuid().ToString("N");
        if (candidates.Count == 0)
        {
            return (pass, []);
        }

        var until = now + options.ClaimLease;
        await db.OutboxMessages
            .Where(m => candidates.Contains(m.Id) && m.DispatchedAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.ClaimedBy, pass).SetProperty(m => m.ClaimedUntil, until), cancellationToken);
        return (pass, await db.OutboxMessages.Where(m => m.ClaimedBy == pass).OrderBy(m => m.Id).ToListAsync(cancellationToken));
    }

    private static TimeSpan Backoff(int attempts) => TimeSpan.FromMilliseconds(Math.Min(250 * Math.Pow(2, attempts), 60_000));

    // A consumer that failed half-way must not have its partial changes saved with the failure record.
    private static void RevertPendingChanges(ReverseDbContext db, OutboxMessage keep)
    {
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity != keep && e.State != EntityState.Unchanged).ToList())
        {
            entry.State = entry.State == EntityState.Added ? EntityState.Detached : EntityState.Unchanged;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} ({Topic}) not delivered to {Consumer}; it will be retried")]
    private static partial void LogDeliveryFailed(ILogger logger, long messageId, string topic, string consumer, Exception ex);
}
