using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ReversePaas.Host.Simulators;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Sdk.Orders;
using Xunit.Abstractions;


namespace ReversePaas.Host.Tests.Drills;

/// <summary>
/// What the database and the payment system must show once the storm's background work has settled: exactly the
/// after-sales that were answered 201, every order's ledger balanced (<see cref="LedgerAudit"/>), every after-sale
/// walked only legal moves (<see cref="LegalAfterSaleMoves"/>) and paid exactly once if it pays, and the search read
/// model at every after-sale's latest state.
/// </summary>
internal static class RaceInvariants
{
    public static async Task VerifyAsync(string database, IReadOnlyList<RaceOrder> registered, IReadOnlySet<string> createdIds, IReadOnlyList<SimulatedCall> payments, List<string> problems, ITestOutputHelper log)
    {
        await using var db = ReverseDbContexts.Open(database);
        var orders = await db.Orders.AsNoTracking().Include(o => o.Lines).AsSplitQuery().ToListAsync();
        var sales = await db.AfterSales.AsNoTracking().Include(a => a.Lines).AsSplitQuery().ToListAsync();
        var refunds = await db.Refunds.AsNoTracking().ToListAsync();
        var documents = await db.SearchDocuments.AsNoTracking().ToDictionaryAsync(d => d.AfterSaleId);
        var salesById = sales.ToDictionary(s => s.AfterSaleId);

        log.WriteLine($"Database: {orders.Count} orders, {sales.Count} after-sales ({string.Join(", ", sales.GroupBy(s => $"{s.Type}/{s.Status}").OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}), {refunds.Count} refunds of {refunds.Sum(r => r.Amount):0.00} in total.");
        orders.Should().HaveCount(registered.Count);

        // Nothing written that was not answered 201, nothing answered 201 that was not written.
        foreach (var ghost in sales.Where(s => !createdIds.Contains(s.AfterSaleId)))
        {
            problems.Add($"after-sale {ghost.AfterSaleId} ({ghost.Type} {ghost.Status}) is in the database but no request was answered 201 with it");
        }

        foreach (var lost in createdIds.Where(id => !salesById.ContainsKey(id)))
        {
            problems.Add($"after-sale {lost} was answered 201 but is not in the database");
        }

        foreach (var order in orders)
        {
            LedgerAudit.Check(order, sales, refunds, registered, problems);
        }

        foreach (var sale in sales)
        {
            LegalAfterSaleMoves.Check(sale, problems);
            if (sale.Lines.Sum(l => l.RefundAmount) + sale.FreightRefund != sale.RefundAmount)
            {
                problems.Add($"{sale.AfterSaleId}: refundAmount {sale.RefundAmount:0.00} is not its lines {sale.Lines.Sum(l => l.RefundAmount):0.00} + freight {sale.FreightRefund:0.00}");
            }

            if (sale.Status is AfterSaleStatus.PendingRefund or AfterSaleStatus.RefundFailed)
            {
                problems.Add($"{sale.AfterSaleId} ({sale.Type}) is still {sale.Status} after the work settled (last error: {sale.LastError})");
            }

            // The search read model (fed by the outbox, both hosts delivering) ends at every after-sale's latest state:
            // its consumer reloads the after-sale, so neither duplicate nor reordered deliveries may leave it behind.
            if (!documents.TryGetValue(sale.AfterSaleId, out var document) || document.Version != sale.Version || document.Status != sale.Status.ToString())
            {
                problems.Add($"{sale.AfterSaleId} ({sale.Status}, version {sale.Version}): search document {(document is null ? "missing" : $"{document.Status}, version {document.Version}")}");
            }

            var rows = refunds.Count(r => r.AfterSaleId == sale.AfterSaleId);
            var paysMoney = sale.Status == AfterSaleStatus.Completed && sale.RefundAmount > 0;
            if (rows != (paysMoney ? 1 : 0))
            {
                problems.Add($"{sale.AfterSaleId} ({sale.Type} {sale.Status}, refund {sale.RefundAmount:0.00}) has {rows} refund row(s)");
            }
        }

        foreach (var refund in refunds)
        {
            if (!salesById.TryGetValue(refund.AfterSaleId, out var sale) || sale.RefundAmount != refund.Amount || sale.OrderId != refund.OrderId)
            {
                problems.Add($"refund {refund.RefundId} of {refund.Amount:0.00} for {refund.AfterSaleId} does not match its after-sale");
            }
        }

        // The payment system: exactly one success per refund recorded, for its amount, and none for anything else
        // (a success without a refund row would be money paid out that the ledger does not know).
        var succeeded = payments.Where(c => c.Outcome == "succeeded").ToList();
        foreach (var group in succeeded.GroupBy(c => c.Key))
        {
            var refund = refunds.SingleOrDefault(r => r.RefundId == group.Key);
            if (group.Count() != 1 || refund is null || group.Single().Amount != refund.Amount)
            {
                problems.Add($"payment journal: {group.Count()} success(es) for refund {group.Key} ({string.Join(", ", group.Select(c => c.Amount))}), refund row {refund?.Amount.ToString("0.00", CultureInfo.InvariantCulture) ?? "none"}");
            }
        }

        foreach (var unpaid in refunds.Where(r => !succeeded.Any(c => c.Key == r.RefundId)))
        {
            problems.Add($"refund {unpaid.RefundId} of {unpaid.Amount:0.00} is recorded but the payment system has no success for it");
        }

        log.WriteLine($"Payment journal: {payments.Count} call(s), {succeeded.Count} succeeded, {payments.Count(c => c.Outcome == "replayed")} replayed, {payments.Count(c => c.Outcome == "refused")} refused.");
    }
}
