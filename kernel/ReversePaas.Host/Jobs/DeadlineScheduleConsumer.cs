using Microsoft.EntityFrameworkCore;
using ReversePaas.Kernel.Activities;
using ReversePaas.Persistence;
using ReversePaas.Persistence.Outbox;

namespace ReversePaas.Host.Jobs;

/// <summary>
/// Sets the job store's deadlines from the outbox: every change of an order or an after-sale reloads its latest
/// state and sets (or removes) the deadlines that state has. Because the change and its message commit together,
/// no deadline is lost when a process dies between the two; duplicates and reordering set the same deadlines.
/// </summary>
internal sealed class DeadlineScheduleConsumer(ReverseDbContext db, Deadlines deadlines, DeadlineScheduler schedule) : IOutboxConsumer
{
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
            else
            {
                await schedule.UnscheduleAsync(DeadlineKind.UnpaidOrder, message.Key, cancellationToken);
            }

            return;
        }

        var sale = await db.AfterSales.AsNoTracking().Include(a => a.Timeline).AsSplitQuery()
            .FirstOrDefaultAsync(a => a.AfterSaleId == message.Key, cancellationToken);
        var due = sale is null ? [] : deadlines.Of(sale);
        foreach (var kind in Deadlines.AfterSaleKinds)
        {
            if (due.FirstOrDefault(d => d.Kind == kind) is { } deadline)
            {
                await schedule.ScheduleAsync(deadline, onlyIfEarlier: false, cancellationToken);
            }
            else
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
}
