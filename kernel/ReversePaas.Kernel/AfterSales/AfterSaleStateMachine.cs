using System.Collections.Frozen;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Kernel.AfterSales;

/// <summary>
/// The canonical after-sale status machine (DOMAIN.md section 4) as one table: (type, status, command) → next
/// status. Anything not in the table is illegal; docs/status-machine.md is this table in words.
/// </summary>
public static class AfterSaleStateMachine
{
    private static readonly FrozenDictionary<(AfterSaleType, AfterSaleStatus, AfterSaleCommand), AfterSaleStatus> Moves = Build();

    /// <summary>The status each type starts in.</summary>
    public static AfterSaleStatus Initial(AfterSaleType type) => type == AfterSaleType.Cancel ? AfterSaleStatus.Intercepting : AfterSaleStatus.PendingReview;

    /// <summary>Every legal move.</summary>
    public static IEnumerable<(AfterSaleType Type, AfterSaleStatus From, AfterSaleCommand Command, AfterSaleStatus To)> All
        => Moves.Select(m => (m.Key.Item1, m.Key.Item2, m.Key.Item3, m.Value));

    /// <summary>The next status, if <paramref name="command"/> is legal from <paramref name="from"/> for <paramref name="type"/>.</summary>
    public static bool TryNext(AfterSaleType type, AfterSaleStatus from, AfterSaleCommand command, out AfterSaleStatus to)
        => Moves.TryGetValue((type, from, command), out to);

    /// <summary>The commands legal from a status (for error messages that say what would be possible).</summary>
    public static IEnumerable<AfterSaleCommand> LegalFrom(AfterSaleType type, AfterSaleStatus from)
        => Moves.Keys.Where(k => k.Item1 == type && k.Item2 == from).Select(k => k.Item3).Order();

    /// <summary>True when nothing more can happen.</summary>
    public static bool IsTerminal(AfterSaleStatus status)
        => status is AfterSaleStatus.Completed or AfterSaleStatus.Rejected or AfterSaleStatus.Withdrawn or AfterSaleStatus.InterceptionFailed;

    /// <summary>True when the after-sale no longer claims goods or money (it ended without effect).</summary>
    public static bool ReleasesClaim(AfterSaleStatus status)
        => status is AfterSaleStatus.Rejected or AfterSaleStatus.Withdrawn or AfterSaleStatus.InterceptionFailed;

    private static FrozenDictionary<(AfterSaleType, AfterSaleStatus, AfterSaleCommand), AfterSaleStatus> Build()
    {
        var moves = new Dictionary<(AfterSaleType, AfterSaleStatus, AfterSaleCommand), AfterSaleStatus>();
        void Add(AfterSaleType type, AfterSaleStatus from, AfterSaleCommand command, AfterSaleStatus to) => moves.Add((type, from, command), to);

        // Cancel (paid, not shipped): Intercepting -> PendingRefund -> Completed | InterceptionFailed.
        Add(AfterSaleType.Cancel, AfterSaleStatus.Intercepting, AfterSaleCommand.Intercepted, AfterSaleStatus.PendingRefund);
        Add(AfterSaleType.Cancel, AfterSaleStatus.Intercepting, AfterSaleCommand.FailInterception, AfterSaleStatus.InterceptionFailed);

        // Review, common to every reviewed type; withdraw before the goods or money moved.
        foreach (var type in new[] { AfterSaleType.RefundOnly, AfterSaleType.ReturnRefund, AfterSaleType.Exchange, AfterSaleType.Repair })
        {
            Add(type, AfterSaleStatus.PendingReview, AfterSaleCommand.Reject, AfterSaleStatus.Rejected);
            Add(type, AfterSaleStatus.PendingReview, AfterSaleCommand.Withdraw, AfterSaleStatus.Withdrawn);
            Add(type, AfterSaleStatus.PendingReview, AfterSaleCommand.Approve,
                type == AfterSaleType.RefundOnly ? AfterSaleStatus.PendingRefund : AfterSaleStatus.PendingReturn);

            // Appeal: once, within a window (AfterSale.Appeal); its approval goes where a review's approval goes, and its
            // rejection is for good.
            Add(type, AfterSaleStatus.Rejected, AfterSaleCommand.Appeal, AfterSaleStatus.Appealed);
            Add(type, AfterSaleStatus.Appealed, AfterSaleCommand.Approve,
                type == AfterSaleType.RefundOnly ? AfterSaleStatus.PendingRefund : AfterSaleStatus.PendingReturn);
            Add(type, AfterSaleStatus.Appealed, AfterSaleCommand.Reject, AfterSaleStatus.Rejected);
            if (type != AfterSaleType.RefundOnly)
            {
                Add(type, AfterSaleStatus.PendingReturn, AfterSaleCommand.Withdraw, AfterSaleStatus.Withdrawn);
            }
        }

        Add(AfterSaleType.ReturnRefund, AfterSaleStatus.PendingReturn, AfterSaleCommand.ReceiveGoods, AfterSaleStatus.PendingRefund);
        // Exchange: the receipt keeps PendingReturn (recorded as AfterSale.OutboundDue); the background step then ships the
        // replacement, or refunds the returned units when the replacement is out of stock.
        Add(AfterSaleType.Exchange, AfterSaleStatus.PendingReturn, AfterSaleCommand.ShipReplacement, AfterSaleStatus.ExchangeShipped);
        Add(AfterSaleType.Exchange, AfterSaleStatus.PendingReturn, AfterSaleCommand.RefundReplacement, AfterSaleStatus.PendingRefund);
        Add(AfterSaleType.Exchange, AfterSaleStatus.ExchangeShipped, AfterSaleCommand.ConfirmDelivery, AfterSaleStatus.Completed);

        // Repair: repair-finished keeps Repairing (OutboundDue) until the background step ships the goods back; irreparable
        // goods are refunded.
        Add(AfterSaleType.Repair, AfterSaleStatus.PendingReturn, AfterSaleCommand.ReceiveGoods, AfterSaleStatus.Repairing);
        Add(AfterSaleType.Repair, AfterSaleStatus.Repairing, AfterSaleCommand.FinishRepair, AfterSaleStatus.RepairShipped);
        Add(AfterSaleType.Repair, AfterSaleStatus.Repairing, AfterSaleCommand.DeclareIrreparable, AfterSaleStatus.PendingRefund);
        Add(AfterSaleType.Repair, AfterSaleStatus.RepairShipped, AfterSaleCommand.ConfirmDelivery, AfterSaleStatus.Completed);

        // Refund, for every type that pays money back (an exchange or a repair only when its goods are refunded instead).
        foreach (var type in new[] { AfterSaleType.Cancel, AfterSaleType.RefundOnly, AfterSaleType.ReturnRefund, AfterSaleType.Exchange, AfterSaleType.Repair })
        {
            Add(type, AfterSaleStatus.PendingRefund, AfterSaleCommand.CompleteRefund, AfterSaleStatus.Completed);
            Add(type, AfterSaleStatus.PendingRefund, AfterSaleCommand.FailRefund, AfterSaleStatus.RefundFailed);
            Add(type, AfterSaleStatus.RefundFailed, AfterSaleCommand.RetryRefund, AfterSaleStatus.PendingRefund);
        }

        return moves.ToFrozenDictionary();
    }
}
