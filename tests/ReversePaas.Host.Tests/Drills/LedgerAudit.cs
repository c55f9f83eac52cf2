using ReversePaas.Kernel.AfterSales;
using ReversePaas.Kernel.Orders;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Orders;


namespace ReversePaas.Host.Tests.Drills;

/// <summary>
/// One order after the storm: no unit or cent claimed twice, freight at most once, the ledger equal to the refunds
/// and the open claims to the cent, the order's status the one its after-sales lead to, and a cancelled order
/// refunded in full.
/// </summary>
internal static class LedgerAudit
{
    public static void Check(Order order, IReadOnlyList<AfterSale> sales, IReadOnlyList<RefundRecord> refunds, IReadOnlyList<RaceOrder> registered, List<string> problems)
    {
        var ofOrder = sales.Where(s => s.OrderId == order.OrderId).ToList();
        var claiming = ofOrder.Where(s => s.Status is not (AfterSaleStatus.Rejected or AfterSaleStatus.Withdrawn or AfterSaleStatus.InterceptionFailed)).ToList();
        var ledger = order.Ledger;
        var where = $"order {order.OrderId} ({order.BusinessIdentity}, {order.Status}; paid {ledger.Paid:0.00}, reserved {ledger.Reserved:0.00}, refunded {ledger.Refunded:0.00})";

        // Over-claim: units and money per line, freight at most once.
        foreach (var line in order.Lines)
        {
            var units = claiming.Sum(s => s.Lines.Where(l => l.LineNo == line.LineNo).Sum(l => l.Quantity));
            if (units > line.Quantity)
            {
                problems.Add($"{where}: line {line.LineNo} ordered {line.Quantity}, claimed {units} by {Describe(claiming.Where(s => s.Lines.Any(l => l.LineNo == line.LineNo)))}");
            }

            var money = claiming.Sum(s => s.Lines.Where(l => l.LineNo == line.LineNo).Sum(l => l.RefundAmount));
            if (money > line.PaidAmount)
            {
                problems.Add($"{where}: line {line.LineNo} paid {line.PaidAmount:0.00}, its claims refund {money:0.00}");
            }
        }

        var freightClaims = claiming.Where(s => s.FreightRefund > 0).ToList();
        if (freightClaims.Count > 1 || freightClaims.Sum(s => s.FreightRefund) > order.Freight)
        {
            problems.Add($"{where}: freight {order.Freight:0.00} claimed by {Describe(freightClaims)}");
        }

        // The ledger (docs/money.md): paid = lines + freight; refunded = the refunds paid out = the completed
        // after-sales' refunds; reserved = what open claims promise; refundable = paid − refunded − reserved ≥ 0.
        var linesAndFreight = order.Lines.Sum(l => l.PaidAmount) + order.Freight;
        var refundRows = refunds.Where(r => r.OrderId == order.OrderId).Sum(r => r.Amount);
        var completed = claiming.Where(s => s.Status == AfterSaleStatus.Completed).Sum(s => s.RefundAmount);
        var open = claiming.Where(s => s.Status != AfterSaleStatus.Completed).Sum(s => s.RefundAmount);
        if (ledger.Paid != linesAndFreight)
        {
            problems.Add($"{where}: paid should be lines + freight = {linesAndFreight:0.00}");
        }

        if (ledger.Refunded > ledger.Paid || ledger.Refunded + ledger.Reserved > ledger.Paid || ledger.Refundable < 0)
        {
            problems.Add($"{where}: over-refund (refundable {ledger.Refundable:0.00})");
        }

        if (ledger.Refunded != refundRows)
        {
            problems.Add($"{where}: refunded differs from the refunds table ({refundRows:0.00})");
        }

        if (ledger.Refunded != completed)
        {
            problems.Add($"{where}: refunded differs from the completed after-sales' refunds ({completed:0.00}: {Describe(claiming.Where(s => s.Status == AfterSaleStatus.Completed))})");
        }

        if (ledger.Reserved != open)
        {
            problems.Add($"{where}: reserved differs from the open claims ({open:0.00}: {Describe(claiming.Where(s => s.Status != AfterSaleStatus.Completed))})");
        }

        // A full refund closes a delivered order; a stopped cancellation cancels it; nothing else moves it.
        var spec = registered.Single(o => o.OrderId == order.OrderId);
        var intercepted = ofOrder.Any(s => s.Type == AfterSaleType.Cancel && s.Status is AfterSaleStatus.PendingRefund or AfterSaleStatus.RefundFailed or AfterSaleStatus.Completed);
        var expectedStatus = intercepted ? OrderStatus.Cancelled
            : spec.Status != "PendingShipment" && ledger.Paid > 0 && ledger.Refunded == ledger.Paid ? OrderStatus.Closed
            : Enum.Parse<OrderStatus>(spec.Status);
        if (order.Status != expectedStatus)
        {
            problems.Add($"{where}: status should be {expectedStatus}");
        }

        // API.md, Cancellation: when the goods are stopped "the whole paid amount (freight included) is refunded
        // and the order is Cancelled". A cancelled order takes no application any more (not-eligible), so money of
        // it that is neither refunded nor reserved for an after-sale still in progress can never be refunded:
        // it stays with the merchant for goods that never shipped. And a cancellation still waiting for the
        // merchant on an order that is already cancelled can never be confirmed (order-not-pending-shipment).
        if (order.Status == OrderStatus.Cancelled)
        {
            if (ledger.Refundable != 0)
            {
                problems.Add($"{where}: cancelled, yet {ledger.Refundable:0.00} of what was paid is neither refunded nor reserved, and no after-sale can claim it any more — after-sales: {Describe(ofOrder)}");
            }

            foreach (var waiting in ofOrder.Where(s => s.Type == AfterSaleType.Cancel && s.Status == AfterSaleStatus.Intercepting))
            {
                problems.Add($"{where}: cancelled, yet cancellation {waiting.AfterSaleId} still waits in Intercepting holding {waiting.RefundAmount:0.00}, and confirming it can only fail — after-sales: {Describe(ofOrder)}");
            }
        }
    }

    private static string Describe(IEnumerable<AfterSale> sales)
        => string.Join("; ", sales.Select(s => $"{s.AfterSaleId} {s.Type} {s.Status} [{string.Join(" ", s.Lines.Select(l => $"#{l.LineNo}×{l.Quantity}={l.RefundAmount:0.00}"))}{(s.FreightRefund > 0 ? $" freight {s.FreightRefund:0.00}" : "")}] = {s.RefundAmount:0.00}"));
}
