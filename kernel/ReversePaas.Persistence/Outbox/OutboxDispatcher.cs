using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReversePaas.Kernel.Telemetry;
using ReversePaas.Persistence.Sharding;

namespace ReversePaas.Persistence.Outbox;

/// <summary>
/// Delivers outbox messages at least once to every consumer that accepts their topic, oldest first. A message all
/// consumers took is marked dispatched; one that a consumer failed or deferred records the deliveries that did succeed,
/// so its retry does not call those consumers again (a crash between a call and the save means one more call:
/// consumers are idempotent). A failing consumer holds back only its message, which is retried with a growing delay.
/// </summary>
/// <remarks>
/// On a sharded host each shard database has its own outbox (written with the changes of its orders), and every pass
/// goes over each of them in turn; a shard that fails does not hold back the others' messages.
/// </remarks>
public sealed partial class OutboxDispatcher(ShardScopes scopes, OutboxSignal signal, OutboxOptions options, TimeProvider time, ILogger<OutboxDispatcher> logger) : PollingWorker(signal, logger)
{
    private const int BatchSize = 50;

    /// <summary>One pass over pending messages; returns how many were claimed.</summary>
    protected override Task<int> RunPassAsync(CancellationToken cancellationToken) => DispatchOnceAsync(cancellationToken);

    /// <summary>One pass, run by the loop (and by tests, which need passes to start and end where they say).</summary>
    internal async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        if (options.Paused)
        {
            return 0;
        }

        var claimed = 0;
        List<Exception>? failures = null;
        foreach (var database in scopes.Databases)
        {
            try
            {
                claimed += await DispatchOnceAsync(database, cancellationToken);
            }
            catch (Exception ex) when (scopes.IsSharded && ex is not OperationCanceledException)
            {
                (failures ??= []).Add(ex);
            }
        }

        return failures is null ? claimed
            : throw new AggregateException($"The outbox pass failed on {failures.Count} shard database(s); the others were dispatched.", failures);
    }

    private async Task<int> DispatchOnceAsync(int? database, CancellationToken cancellationToken)
    {
        // Two units of work: the dispatcher's context tracks only the outbox (claims, deliveries, outcomes) and saves
        // only that; the consumers get a scope of their own for the pass (their per-pass caches live in it), so nothing a
        // consumer leaves in its context can be saved, or lost, with a message's outcome.
        using var scope = scopes.CreateScope(database);
        var db = scope.ServiceProvider.GetRequiredService<ReverseDbContext>();
        // One connection each for the whole pass: EF would otherwise take one from the pool (and reset it) per statement.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var (pass, batch) = await ClaimAsync(db, cancellationToken);
        if (batch.Count == 0)
        {
            // Most passes of an idle host end here: no consumer scope, no second connection, no look at deliveries.
            return 0;
        }

        var finished = false;
        var completed = new List<OutboxMessage>();
        try
        {
            using var consumerScope = scopes.CreateScope(database);
            var consumers = consumerScope.ServiceProvider.GetServices<IOutboxConsumer>().OrderBy(c => c.Order).ToList();
            await consumerScope.ServiceProvider.GetRequiredService<ReverseDbContext>().Database.OpenConnectionAsync(cancellationToken);
            var ids = batch.Select(m => m.Id).ToList();
            var delivered = (await db.OutboxDeliveries.Where(d => ids.Contains(d.MessageId)).Select(d => new { d.MessageId, d.Consumer }).ToListAsync(cancellationToken))
                .ToLookup(d => d.MessageId, d => d.Consumer);
            await PrepareAsync(consumers, batch, delivered, cancellationToken);
            foreach (var message in batch)
            {
                // A delivered message's claim is no longer renewed: mark the delivered ones before the oldest claim among
                // them is a third of a lease old, so no other pass takes them up meanwhile.
                if (completed.Count > 0 && ClaimAged(completed[0], time.GetUtcNow()))
                {
                    await MarkDispatchedAsync(db, pass, completed, cancellationToken);
                }

                await DeliverAsync(db, pass, message, [.. delivered[message.Id]], consumers, completed, cancellationToken);
            }

            await MarkDispatchedAsync(db, pass, completed, cancellationToken);

            // Every message held to the end was released by its own save (deferred, failed) or marked with the delivered
            // ones; one lost to another pass is that pass's. Nothing is left to release.
            finished = true;
        }
        finally
        {
            if (!finished && batch.Count > 0)
            {
                // What a pass cut short (stopping, or a failing save) did not get to is free for the next pass or host
                // now, rather than after the lease. On a fresh connection: a cancelled command leaves the pass's broken.
                await db.Database.CloseConnectionAsync();
                // Those delivered to every consumer are marked, not delivered again by the next pass.
                await MarkDispatchedAsync(db, pass, completed, CancellationToken.None);
                await db.OutboxMessages.Where(m => m.ClaimedBy == pass)
                    .ExecuteUpdateAsync(set => set.SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
            }
        }

        return batch.Count;
    }

    // Each consumer reads what its messages need in one go (IOutboxConsumer.PrepareAsync). Only an optimisation: a
    // consumer whose preparation failed reads per message, and its failures then count against those messages.
    private async Task PrepareAsync(List<IOutboxConsumer> consumers, List<OutboxMessage> batch, ILookup<long, string> delivered, CancellationToken cancellationToken)
    {
        foreach (var consumer in consumers)
        {
            var messages = batch.Where(m => consumer.Accepts(m.Topic) && !delivered[m.Id].Contains(consumer.Name)).ToList();
            if (messages.Count == 0)
            {
                continue;
            }

            try
            {
                await consumer.PrepareAsync(messages, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPreparationFailed(logger, consumer.Name, messages.Count, ex);
            }
        }
    }

    /// <remarks>
    /// A pass can take longer than the lease (an execution delivery alone may wait for an order's lock four times), so the
    /// claim is not trusted for the whole batch: before each consumer call, once a third of the lease has passed since the
    /// claim was taken or last renewed, it is renewed by a conditional update by primary key; no rows means another pass
    /// holds the message now, and this one leaves it alone. The final save (deliveries, then dispatched, failed or
    /// deferred) carries a concurrency check on <c>claimed_by</c>, so a pass that lost the message writes nothing about
    /// it. A claim thus needs to outlast one consumer call (two thirds of the lease), not a batch; renewing only when a
    /// third has passed keeps the common case at no extra round trip. Messages further down a slow batch lapse and may go
    /// to another host, which is the point of the lease.
    /// A message every consumer took is marked dispatched with the others of the pass (MarkDispatchedAsync); otherwise
    /// its outcome, failed or deferred, is saved in one transaction with records of the consumers that succeeded before
    /// the one that did not (they are not called again).
    /// A crash before the save means their calls are repeated, which consumers are built for.
    /// </remarks>
    private async Task DeliverAsync(ReverseDbContext db, string pass, OutboxMessage message, HashSet<string> delivered, List<IOutboxConsumer> consumers, List<OutboxMessage> completed, CancellationToken cancellationToken)
    {
        using var activity = StartDelivery(message);
        var complete = true;
        var succeeded = new List<OutboxDelivery>();
        (string Consumer, Exception Error)? failure = null;
        foreach (var consumer in consumers.Where(c => c.Accepts(message.Topic) && !delivered.Contains(c.Name)))
        {
            if (!await HoldAsync(db, pass, message, cancellationToken))
            {
                Forget(db, message);
                LogClaimLost(logger, message.Id, message.Topic);
                return;
            }

            try
            {
                await consumer.HandleAsync(message, cancellationToken);
                succeeded.Add(new OutboxDelivery(message.Id, consumer.Name, time.GetUtcNow()));
            }
            catch (OutboxDeferralException deferral)
            {
                message.Defer($"{consumer.Name}: {deferral.Message}", deferral.Until);
                complete = false;
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                message.MarkFailed($"{consumer.Name}: {ex.Message}", time.GetUtcNow() + Backoff(message.Attempts));
                activity?.SetStatus(ActivityStatusCode.Error, $"{consumer.Name}: {ex.Message}");
                failure = (consumer.Name, ex);
                complete = false;
                break;
            }
        }

        if (complete)
        {
            // Every consumer has it: marked dispatched with the pass's other delivered messages in one statement
            // (MarkDispatchedAsync), not in a transaction of its own, and without delivery records: most messages are
            // delivered in one go, and their records would be most of what a change writes.
            completed.Add(message);
            return;
        }

        db.OutboxDeliveries.AddRange(succeeded);

        if (!await SaveWhileHeldAsync(db, cancellationToken))
        {
            // The claim lapsed during a consumer call and another pass holds the message now: what that pass does stands,
            // and this one writes nothing more about it (not even the failure it may have seen, e.g. the other pass's
            // delivery record colliding with its own).
            Forget(db, message);
            LogClaimLost(logger, message.Id, message.Topic);
        }
        else if (failure is { } failed)
        {
            LogDeliveryFailed(logger, message.Id, message.Topic, failed.Consumer, failed.Error);
        }
    }

    // The delivery continues the trace of the change that wrote the message (its traceparent); a message written
    // untraced, or before version 17 of the schema, starts a trace of its own.
    private static Activity? StartDelivery(OutboxMessage message)
    {
        if (!KernelTracing.Outbox.HasListeners())
        {
            return null;
        }

        ActivityContext.TryParse(message.TraceParent, null, isRemote: true, out var parent);
        var activity = KernelTracing.Outbox.StartActivity("outbox.deliver", ActivityKind.Consumer, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.DisplayName = "outbox.deliver " + message.Topic;
            activity.SetTag("messaging.destination.name", message.Topic);
            activity.SetTag("messaging.message.id", message.Id);
        }

        return activity;
    }

    /// <summary>
    /// Marks the messages every consumer took as dispatched, in one statement, where this pass still holds them. One it
    /// lost meanwhile (its claim lapsed and another pass took it) is left to that pass, which delivers it again: at least
    /// once, as always. A crash before this statement means the same.
    /// </summary>
    private async Task MarkDispatchedAsync(ReverseDbContext db, string pass, List<OutboxMessage> completed, CancellationToken cancellationToken)
    {
        if (completed.Count == 0)
        {
            return;
        }

        var ids = completed.Select(m => m.Id).ToList();
        var now = time.GetUtcNow();
        var marked = await db.OutboxMessages.Where(m => ids.Contains(m.Id) && m.ClaimedBy == pass)
            .ExecuteUpdateAsync(set => set
                .SetProperty(m => m.DispatchedAt, now)
                .SetProperty(m => m.LastError, (string?)null)
                .SetProperty(m => m.NextAttemptAt, (DateTimeOffset?)null)
                .SetProperty(m => m.ClaimedBy, (string?)null)
                .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), cancellationToken);
        if (marked < ids.Count)
        {
            LogClaimsLostBeforeMarking(logger, ids.Count - marked, ids.Count);
        }

        foreach (var message in completed)
        {
            db.Entry(message).State = EntityState.Detached;
        }

        completed.Clear();
    }

    // A third of the lease has passed since the claim was taken or last renewed: time to renew it, or, for a delivered
    // message whose claim is no longer renewed, to mark it before another pass could take it up.
    private bool ClaimAged(OutboxMessage message, DateTimeOffset now)
        => message.ClaimedUntil is not { } until || now >= until - (options.ClaimLease * 2 / 3);

    // True while this pass holds the message; renews the claim once a third of the lease has passed since it was taken
    // or last renewed (see DeliverAsync).
    private async Task<bool> HoldAsync(ReverseDbContext db, string pass, OutboxMessage message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!ClaimAged(message, now))
        {
            return true;
        }

        var renewedUntil = now + options.ClaimLease;
        var renewed = await db.OutboxMessages.Where(m => m.Id == message.Id && m.ClaimedBy == pass)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.ClaimedUntil, renewedUntil), cancellationToken);
        if (renewed == 0)
        {
            return false;
        }

        // What the row now says, without marking the entity changed: the final save need not write it again.
        db.Entry(message).Property(m => m.ClaimedUntil).CurrentValue = renewedUntil;
        db.Entry(message).Property(m => m.ClaimedUntil).OriginalValue = renewedUntil;
        return true;
    }

    // False when the save touched an outbox message this pass no longer holds (the concurrency check on claimed_by);
    // then nothing of the save was written. Any other failure is the consumer's and is thrown.
    private static async Task<bool> SaveWhileHeldAsync(ReverseDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException ex) when (ex.Entries.Any(e => e.Entity is OutboxMessage))
        {
            return false;
        }
    }

    // Drops the message and what is pending with it from the context, so the next message's saves do not retry them.
    private static void Forget(ReverseDbContext db, OutboxMessage message)
    {
        foreach (var entry in db.ChangeTracker.Entries<OutboxDelivery>().Where(e => e.Entity.MessageId == message.Id && e.State == EntityState.Added).ToList())
        {
            entry.State = EntityState.Detached;
        }

        db.Entry(message).State = EntityState.Detached;
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {MessageId} ({Topic}) is held by another dispatcher pass now (this pass's claim lapsed); left to it")]
    private static partial void LogClaimLost(ILogger logger, long messageId, string topic);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Lost} of {Delivered} delivered outbox messages were held by another dispatcher pass by the time this one marked them (its claim lapsed); left to it")]
    private static partial void LogClaimsLostBeforeMarking(ILogger logger, int lost, int delivered);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox consumer {Consumer} could not prepare for {Count} messages; it reads what each needs on its own")]
    private static partial void LogPreparationFailed(ILogger logger, string consumer, int count, Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} ({Topic}) not delivered to {Consumer}; it will be retried")]
    private static partial void LogDeliveryFailed(ILogger logger, long messageId, string topic, string consumer, Exception ex);
}
