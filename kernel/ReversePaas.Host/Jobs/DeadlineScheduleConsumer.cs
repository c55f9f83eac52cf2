using Microsoft.EntityFrameworkCore;
using ReversePaas.Host.Outbox;
using ReversePaas.Kernel.Activities;
using ReversePaas.Persistence;
using ReversePaas.Persistence.Outbox;

namespace ReversePaas.Host.Jobs;

/// <summary>
/// Sets the job store's deadlines from the outbox: every change of an order or an after-sale reloads its latest
/// state and sets (or removes) the deadlines that state has. Because the change and its message commit together,
/// no deadline is lost when a process dies between the two; duplicates and reordering set the same deadlines.
/// </summary>
internal sealed class DeadlineScheduleConsumer(ReverseDbContext db, ChangedAfterSale changed, Deadlines deadlines, DeadlineScheduler schedule, JobsOptions options) : IOutboxConsumer
{
    // {0} and {1} become parameters; the table prefix is a constant of ours, not input.
    private const string HeldTriggersSql = "SELECT trigger_group AS \"Value\" FROM " + JobStoreSchema.TablePrefix + "triggers WHERE sched_name = {0} AND trigger_name = {1}";

    public string Name => "deadlines";

    public bool Accepts(string topic) => topic is OutboxTopics.AfterSaleChanged or OutboxTopics.OrderChanged;

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (message.Topic == OutboxTopics.OrderChanged)
        {
            var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.OrderId == message.Key, cancellationToken);
            if (order is not null && deadlines.Of(order) is { } unpaid)
            {
                await schedule.ScheduleAsync(unpaid, onlyIfEarlier: false, cancellationToken);
            }
            else if ((await HeldAsync(message.Key, cancellationToken)).Contains(DeadlineKind.UnpaidOrder))
            {
                await schedule.UnscheduleAsync(DeadlineKind.UnpaidOrder, message.Key, cancellationToken);
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
                await schedule.ScheduleAsync(deadline, onlyIfEarlier: false, cancellationToken);
            }
            else if (held.Contains(kind))
            {
                await schedule.UnscheduleAsync(kind, message.Key, cancellationToken);
            }
        }

        // Keyed by the order: other returns may still wait for it, so it is only ever brought forward here.
        if (due.FirstOrDefault(d => d.Kind == DeadlineKind.CombinedPickup) is { } pickup)
        {
            await schedule.ScheduleAsync(pickup, onlyIfEarlier: true, cancellationToken);
        }
    }

    /// <summary>
    /// The kinds of deadline the job store holds for <paramref name="key"/> (trigger name = key, group = kind), in one
    /// read on this consumer's connection. Asking Quartz kind by kind costs a pooled connection and a transaction per
    /// kind, for what is nearly always "none": it was the largest share of the outbox's cost per change (docs/benchmarks.md).
    /// A trigger added or removed right after this read is harmless: every deadline run re-checks the state.
    /// </summary>
    private async Task<IReadOnlyList<DeadlineKind>> HeldAsync(string key, CancellationToken cancellationToken)
    {
        var groups = await db.Database
            .SqlQueryRaw<string>(HeldTriggersSql, options.SchedulerName, key)
            .ToListAsync(cancellationToken);
        return [.. Enum.GetValues<DeadlineKind>().Where(k => groups.Contains(DeadlineScheduler.NameOf(k)))];
    }
}
