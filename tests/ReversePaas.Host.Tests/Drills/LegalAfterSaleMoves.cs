using ReversePaas.Kernel.AfterSales;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Orders;


namespace ReversePaas.Host.Tests.Drills;

/// <summary>The status moves DOMAIN.md section 4 allows each after-sale type, and the check of an after-sale's timeline against them.</summary>
internal static class LegalAfterSaleMoves
{
    // DOMAIN.md section 4, written out here rather than taken from the kernel's table, so that the test checks the
    // kernel against the contract and not against itself.
    private static readonly Dictionary<AfterSaleType, (AfterSaleStatus From, AfterSaleStatus To)[]> LegalMoves = new()
    {
        [AfterSaleType.Cancel] =
        [
            (AfterSaleStatus.Intercepting, AfterSaleStatus.PendingRefund), (AfterSaleStatus.Intercepting, AfterSaleStatus.InterceptionFailed),
            (AfterSaleStatus.PendingRefund, AfterSaleStatus.Completed), (AfterSaleStatus.PendingRefund, AfterSaleStatus.RefundFailed),
            (AfterSaleStatus.RefundFailed, AfterSaleStatus.PendingRefund),
        ],
        [AfterSaleType.RefundOnly] =
        [
            (AfterSaleStatus.PendingReview, AfterSaleStatus.PendingRefund), (AfterSaleStatus.PendingReview, AfterSaleStatus.Rejected),
            (AfterSaleStatus.PendingReview, AfterSaleStatus.Withdrawn),
            (AfterSaleStatus.PendingRefund, AfterSaleStatus.Completed), (AfterSaleStatus.PendingRefund, AfterSaleStatus.RefundFailed),
            (AfterSaleStatus.RefundFailed, AfterSaleStatus.PendingRefund),
        ],
        [AfterSaleType.ReturnRefund] =
        [
            (AfterSaleStatus.PendingReview, AfterSaleStatus.PendingReturn), (AfterSaleStatus.PendingReview, AfterSaleStatus.Rejected),
            (AfterSaleStatus.PendingReview, AfterSaleStatus.Withdrawn),
            (AfterSaleStatus.PendingReturn, AfterSaleStatus.Withdrawn), (AfterSaleStatus.PendingReturn, AfterSaleStatus.PendingRefund),
            (AfterSaleStatus.PendingRefund, AfterSaleStatus.Completed), (AfterSaleStatus.PendingRefund, AfterSaleStatus.RefundFailed),
            (AfterSaleStatus.RefundFailed, AfterSaleStatus.PendingRefund),
        ],
    };

    /// <summary>The after-sale's status is one of its type's, and its timeline starts where the type starts, has no gaps, and changes status only by legal moves.</summary>
    public static void Check(AfterSale sale, List<string> problems)
    {
        if (!LegalMoves.TryGetValue(sale.Type, out var moves))
        {
            problems.Add($"{sale.AfterSaleId}: type {sale.Type} was never requested");
            return;
        }

        var initial = sale.Type == AfterSaleType.Cancel ? AfterSaleStatus.Intercepting : AfterSaleStatus.PendingReview;
        var legalStatuses = moves.SelectMany(m => new[] { m.From, m.To }).ToHashSet();
        if (!legalStatuses.Contains(sale.Status))
        {
            problems.Add($"{sale.AfterSaleId}: {sale.Status} is not a status of {sale.Type}");
        }

        var timeline = sale.Timeline.OrderBy(t => t.Sequence).ToList();
        if (timeline.Count == 0)
        {
            problems.Add($"{sale.AfterSaleId}: empty timeline");
            return;
        }

        if (!timeline.Select(t => t.Sequence).SequenceEqual(Enumerable.Range(1, timeline.Count)))
        {
            problems.Add($"{sale.AfterSaleId}: timeline sequences {string.Join(",", timeline.Select(t => t.Sequence))} have gaps");
        }

        if (timeline[0].Status != initial.ToString())
        {
            problems.Add($"{sale.AfterSaleId}: a {sale.Type} starts in {initial}, its timeline starts in {timeline[0].Status}");
        }

        // Entries without a status change (a return shipment, the return announced) repeat the status; every change
        // must be a move of the contract.
        for (var i = 1; i < timeline.Count; i++)
        {
            var from = Enum.Parse<AfterSaleStatus>(timeline[i - 1].Status);
            var to = Enum.Parse<AfterSaleStatus>(timeline[i].Status);
            if (from != to && !moves.Contains((from, to)))
            {
                problems.Add($"{sale.AfterSaleId} ({sale.Type}): illegal move {from} → {to} in its timeline ({string.Join(" → ", timeline.Select(t => $"{t.Status} by {t.Actor}"))})");
            }
        }

        if (timeline[^1].Status != sale.Status.ToString())
        {
            problems.Add($"{sale.AfterSaleId}: status {sale.Status}, but the timeline ends in {timeline[^1].Status}");
        }
    }
}
