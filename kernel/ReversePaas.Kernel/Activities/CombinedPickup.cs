using ReversePaas.Kernel.AfterSales;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Kernel.Activities;

/// <summary>
/// Pickups are dispatched per order, <see cref="ActivityOptions.PickupLead"/> before the earliest pickup time asked
/// for: every return of the order still waiting for its pickup goes in that round, so a business line that combines
/// returns (its return-logistics extension keys the shipment by order and round) books one shipment for all of them.
/// A return approved after its order's round left waits for a round of its own.
/// </summary>
public sealed class CombinedPickup
{
    private readonly IReverseStore _store;
    private readonly IOrderLock _locks;
    private readonly ExecutionActivity _execution;
    private readonly TimeProvider _time;
    private readonly ActivityOptions _options;

    public CombinedPickup(IReverseStore store, IOrderLock locks, ExecutionActivity execution, TimeProvider time, ActivityOptions options)
    {
        _store = store;
        _locks = locks;
        _execution = execution;
        _time = time;
        _options = options;
    }

    /// <summary>True for an approved return whose goods wait for a pickup that was not dispatched yet (and not parked for ops).</summary>
    public static bool WaitsForPickup(AfterSale sale)
        => sale.Status == AfterSaleStatus.PendingReturn && !sale.OutboundDue && sale.PickupAt is not null && !sale.ReturnArranged && !sale.ReturnParked;

    /// <summary>
    /// When a waiting pickup is to be dispatched: <paramref name="lead"/> before the time asked for, or, after a failed
    /// booking, at its next attempt if that is later (so a failing pickup backs off instead of running on every change).
    /// </summary>
    public static DateTimeOffset DueAt(AfterSale sale, TimeSpan lead)
    {
        var due = sale.PickupAt!.Value - lead;
        return sale.NextAttemptAt is { } next && next > due ? next : due;
    }

    /// <summary>
    /// Dispatches the order's waiting pickups as one round when the earliest is due; otherwise says when it will be.
    /// Idempotent: under the order's lock, on fresh state, and the round number (part of the shipment key) only moves
    /// on once a round is saved, so a run repeated after a crash books the same shipment again (the courier replays it).
    /// </summary>
    public async Task<DeadlineOutcome> DispatchAsync(string orderId, CancellationToken cancellationToken)
    {
        await using (await _locks.AcquireAsync(orderId, _options.LockTimeout, cancellationToken))
        {
            _store.Reset();
            var order = await _store.FindOrderAsync(orderId, cancellationToken);
            var sales = await _store.AfterSalesOfOrderAsync(orderId, cancellationToken);
            var waiting = sales.Where(WaitsForPickup).OrderBy(s => s.PickupAt).ThenBy(s => s.AfterSaleId, StringComparer.Ordinal).ToList();
            if (order is null || waiting.Count == 0)
            {
                return DeadlineOutcome.Done;
            }

            var earliest = waiting[0].PickupAt!.Value;
            var due = waiting.Min(s => DueAt(s, _options.PickupLead));
            if (due > _time.GetUtcNow())
            {
                // The return that made this due was withdrawn, the schedule ran early, or a failed booking backs off:
                // wait for the earliest left.
                return DeadlineOutcome.Later(due);
            }

            var round = sales.Max(s => s.PickupRound ?? 0) + 1;
            DateTimeOffset? retryAt = null;
            foreach (var waitingSale in waiting)
            {
                var sale = await _store.FindAfterSaleAsync(waitingSale.AfterSaleId, cancellationToken)
                    ?? throw new InvalidOperationException($"After-sale '{waitingSale.AfterSaleId}' of order '{orderId}' cannot be read.");
                if (!await _execution.ArrangeReturnAsync(sale, order, new PickupRound(round, earliest), cancellationToken) && WaitsForPickup(sale))
                {
                    // Failed and not parked: the round runs again at the soonest next attempt of the returns it left.
                    var next = DueAt(sale, _options.PickupLead);
                    retryAt = retryAt is { } soonest && soonest < next ? soonest : next;
                }
            }

            await _store.SaveAsync(cancellationToken);
            return retryAt is { } at ? DeadlineOutcome.Later(at) : DeadlineOutcome.Done;
        }
    }
}
