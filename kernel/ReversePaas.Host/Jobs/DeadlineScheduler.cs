using ReversePaas.Host.Contracts;
using ReversePaas.Kernel.Activities;
using ReversePaas.Persistence.Deadlines;

namespace ReversePaas.Host.Jobs;

/// <summary>
/// The kernel's deadlines kept in the <c>deadlines</c> table (<see cref="DeadlineBook"/>), by kind: one per order or
/// after-sale and kind, so setting a deadline again replaces the previous one. Due times are on the host's clock;
/// <see cref="DeadlinePump"/> queues what is due and Hangfire runs it (<see cref="DeadlineJob"/>).
/// </summary>
internal sealed class DeadlineScheduler(DeadlineBook book, DeadlineSignal due, TimeProvider time)
{
    private static readonly Dictionary<string, DeadlineKind> KindsByName = Enum.GetValues<DeadlineKind>().ToDictionary(NameOf, StringComparer.Ordinal);

    public static string NameOf(DeadlineKind kind) => kind switch
    {
        DeadlineKind.UnpaidOrder => "unpaid-order",
        DeadlineKind.ReviewTimeout => "review-timeout",
        DeadlineKind.ReturnShipmentTimeout => "return-shipment-timeout",
        DeadlineKind.CombinedPickup => "combined-pickup",
        DeadlineKind.DeliveryConfirmTimeout => "delivery-confirm-timeout",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown deadline."),
    };

    public static bool TryKindOf(string name, out DeadlineKind kind) => KindsByName.TryGetValue(name, out kind);

    /// <summary>Sets the deadline; with <paramref name="onlyIfEarlier"/> an existing earlier one is kept (a combined pickup runs at the earliest time any return of the order asked for).</summary>
    public async Task ScheduleAsync(Deadline deadline, bool onlyIfEarlier, CancellationToken cancellationToken)
    {
        await book.SetAsync(NameOf(deadline.Kind), deadline.Key, deadline.DueAt, onlyIfEarlier, cancellationToken);
        if (deadline.DueAt <= time.GetUtcNow())
        {
            due.Notify();
        }
    }

    /// <summary>Removes the deadline (a run in flight for it then finishes nothing).</summary>
    public Task UnscheduleAsync(DeadlineKind kind, string key, CancellationToken cancellationToken)
        => book.RemoveAsync(NameOf(kind), key, cancellationToken);

    /// <summary>The kinds of deadline held for each of <paramref name="keys"/>, in one query.</summary>
    public async Task<Dictionary<string, HashSet<DeadlineKind>>> HeldAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var found = await book.KindsOfAsync(keys, cancellationToken);
        return keys.Distinct(StringComparer.Ordinal).ToDictionary(
            k => k,
            k => found[k].Select(name => TryKindOf(name, out var kind) ? kind : (DeadlineKind?)null).OfType<DeadlineKind>().ToHashSet(),
            StringComparer.Ordinal);
    }

    /// <summary>The deadlines set, soonest first (at most <paramref name="max"/>): <c>Waiting</c>, or <c>Running</c> while a run holds it.</summary>
    public async Task<IReadOnlyList<ScheduledDeadline>> ListAsync(int max, CancellationToken cancellationToken)
        => [.. (await book.ListAsync(max, cancellationToken)).Select(d => new ScheduledDeadline(d.Kind, d.Key, d.DueAt, d.RunId is null ? "Waiting" : "Running"))];
}
