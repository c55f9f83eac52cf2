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
        var now = time.GetUtcNow();
        var batch = await db.OutboxMessages
            .Where(m => m.DispatchedAt == null && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
            .OrderBy(m => m.Id)
            .Take(100)
            .ToListAsync(cancellationToken);
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

        return batch.Count;
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
