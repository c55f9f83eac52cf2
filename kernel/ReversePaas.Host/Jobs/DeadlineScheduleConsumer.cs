using Microsoft.EntityFrameworkCore;
using ReversePaas.Host.Outbox;
using ReversePaas.Kernel.Activities;
using ReversePaas.Kernel.Orders;
using ReversePaas.Persistence;
using ReversePaas.Persistence.Outbox;

namespace ReversePaas.Host.Jobs;

/// <summary>
/// Sets the deadlines from the outbox: every change of an order or an after-sale reloads its latest
/// state and sets (or removes) the deadlines that state has. Because the change and its message commit together,
/// no deadline is lost when a process dies between the two; duplicates and reordering set the same deadlines.
/// </summary>
internal sealed class DeadlineScheduleConsumer(ReverseDbContext db, ChangedAfterSale changed, Deadlines deadlines, DeadlineScheduler schedule) : IOutboxConsumer
{
    // The deadlines held per key, as read this pass and changed by this consumer since. The consumer is scoped to
    // a dispatcher pass, so this lives as long as one batch.
    private readonly Dictionary<string, HashSet<DeadlineKind>> _held = new(StringComparer.Ordinal);

    // The orders of the batch's order.changed messages, read when it was prepared (null: no such order). As with the
    // after-sales (ChangedAfterSale), that state is never older than a message of the batch.
    private readonly Dictionary<string, Order?> _orders = new(StringComparer.Ordinal);

    public string Name => "deadlines";

    public int Order => 30;

    public bool Accepts(string topic) => topic is OutboxTopics.AfterSaleChanged or OutboxTopics.OrderChanged;

    /// <summary>The batch's after-sales, orders and the deadlines held for all its keys, in three queries for the whole batch.</summary>
    public async Task PrepareAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        await changed.PrefetchAsync(messages, cancellationToken);
        var orderIds = messages.Where(m => m.Topic == OutboxTopics.OrderChanged).Select(m => m.Key).Distinct(StringComparer.Ordinal).ToList();
        if (orderIds.Count > 0)
        {
            var orders = await db.Orders.AsNoTracking().Where(o => orderIds.Contains(o.OrderId)).ToDictionaryAsync(o => o.OrderId, StringComparer.Ordinal, cancellationToken);
            foreach (var orderId in orderIds)
            {
                _orders[orderId] = orders.GetValueOrDefault(orderId);
            }
        }

        var keys = messages.Select(m => m.Key).Where(k => !_held.ContainsKey(k)).Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count > 0)
        {
            foreach (var (key, kinds) in await schedule.HeldAsync(keys, cancellationToken))
            {
                _held[key] = kinds;
            }
        }
    }

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (message.Topic == OutboxTopics.OrderChanged)
        {
            var order = _orders.TryGetValue(message.Key, out var prepared)
                ? prepared
                : await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.OrderId == message.Key, cancellationToken);
            if (order is not null && deadlines.Of(order) is { } unpaid)
            {
                await ScheduleAsync(unpaid, onlyIfEarlier: false, cancellationToken);
            }
            else if ((await HeldAsync(message.Key, cancellationToken)).Contains(DeadlineKind.UnpaidOrder))
            {
                await UnscheduleAsync(DeadlineKind.UnpaidOrder, message.Key, cancellationToken);
            }

            return;
        }

        var sale = await changed.GetAsync(message, cancellationToken);
        var due = sale is null ? [] : deadlines.Of(sale);
        var held = await HeldAsync(message.Key, cancellationToken);
        foreach (var kind in Deadlines.AfterSaleKinds)
        {
            if (due.FirstOrDefault(d => d.Kind == kind) is { } deadline)
            {
                await ScheduleAsync(deadline, onlyIfEarlier: false, cancellationToken);
            }
            else if (held.Contains(kind))
            {
                await UnscheduleAsync(kind, message.Key, cancellationToken);
            }
        }

        // Keyed by the order: other returns may still wait for it, so it is only ever brought forward here.
        if (due.FirstOrDefault(d => d.Kind == DeadlineKind.CombinedPickup) is { } pickup)
        {
            await ScheduleAsync(pickup, onlyIfEarlier: true, cancellationToken);
        }
    }

    private async Task ScheduleAsync(Deadline deadline, bool onlyIfEarlier, CancellationToken cancellationToken)
    {
        await schedule.ScheduleAsync(deadline, onlyIfEarlier, cancellationToken);
        if (_held.TryGetValue(deadline.Key, out var kinds))
        {
            kinds.Add(deadline.Kind);
        }
    }

    private async Task UnscheduleAsync(DeadlineKind kind, string key, CancellationToken cancellationToken)
    {
        await schedule.UnscheduleAsync(kind, key, cancellationToken);
        if (_held.TryGetValue(key, out var kinds))
        {
            kinds.Remove(kind);
        }
    }

    /// <summary>
    /// The kinds of deadline held for <paramref name="key"/>: from the pass's read when the batch was prepared, otherwise
    /// one read. Most changes hold none, so removing is asked only for what is there. A deadline added or removed by
    /// someone else after the read is harmless: every deadline run re-checks the state.
    /// </summary>
    private async Task<HashSet<DeadlineKind>> HeldAsync(string key, CancellationToken cancellationToken)
    {
        if (!_held.TryGetValue(key, out var kinds))
        {
            kinds = (await schedule.HeldAsync([key], cancellationToken))[key];
            _held[key] = kinds;
        }

        return kinds;
    }
}
