using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReversePaas.Persistence;

namespace ReversePaas.Host.Tests.Hostile;

/// <summary>
/// What a write would change: row counts of the order tables and a checksum of every order's status and ledger and
/// every after-sale's status and version. Two equal snapshots mean nothing was written in between.
/// </summary>
public sealed record DatabaseSnapshot(int Orders, int AfterSales, int Refunds, int OutboxMessages, string Checksum)
{
    public static async Task<DatabaseSnapshot> TakeAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReverseDbContext>();
        var orders = await db.Orders.AsNoTracking()
            .Select(o => new { o.OrderId, o.Status, o.WarehouseStage, o.Version, o.Ledger.Paid, o.Ledger.Refunded, o.Ledger.Reserved, o.UpdatedAt })
            .ToListAsync();
        var sales = await db.AfterSales.AsNoTracking()
            .Select(a => new { a.AfterSaleId, a.Status, a.Version, a.RefundAmount, a.Reason, a.Carrier, a.TrackingNo, a.UpdatedAt })
            .ToListAsync();
        var text = new StringBuilder();
        foreach (var o in orders.OrderBy(o => o.OrderId, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"O|{o.OrderId}|{o.Status}|{o.WarehouseStage}|{o.Version}|{o.Paid}|{o.Refunded}|{o.Reserved}|{o.UpdatedAt:O}\n");
        }

        foreach (var a in sales.OrderBy(a => a.AfterSaleId, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"A|{a.AfterSaleId}|{a.Status}|{a.Version}|{a.RefundAmount}|{a.Reason}|{a.Carrier}|{a.TrackingNo}|{a.UpdatedAt:O}\n");
        }

        return new DatabaseSnapshot(
            orders.Count,
            sales.Count,
            await db.Refunds.CountAsync(),
            await db.OutboxMessages.CountAsync(),
            Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))));
    }

    /// <summary>True when every outbox message is dispatched: background work has settled, so the snapshot stays put.</summary>
    public static async Task<bool> SettledAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReverseDbContext>();
        return !await db.OutboxMessages.AnyAsync(m => m.DispatchedAt == null);
    }
}
