using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using ReversePaas.Persistence.Schema;

namespace ReversePaas.Persistence.Tests;

/// <summary>
/// Schema version 11 moves an after-sale's timeline and capability uses from child tables into JSON columns of its
/// row. A database written by version 10 must come out of the upgrade with every entry, in order, exact.
/// </summary>
public abstract class HistoryColumnsUpgradeTests(DatabaseEngine engine)
{
    private const int LastVersionWithChildTables = 10;

    [Fact]
    public async Task Upgrading_moves_every_timeline_entry_and_capability_use_into_the_after_sales_row_in_order()
    {
        var fixture = new StoreFixture(engine == DatabaseEngine.Sqlite ? TestDatabases.NewSqlite() : await TestDatabases.NewPostgresAsync());
        await using (var db = fixture.NewContext())
        {
            await LegacySchema.ApplyScriptsUpToAsync(db, engine, LastVersionWithChildTables);
            await InsertLegacyAfterSaleAsync(db, "AS-with-history");
            await InsertLegacyAfterSaleAsync(db, "AS-without-history");
            // Written out of order on purpose: the sequence, not the insertion order, is the history's order.
            await InsertTimelineAsync(db, "AS-with-history", 2, At(1_732_415_191_999), "PendingRefund", "Cs:agent-7", "Approved: \"ok\" — 退款 ✓");
            await InsertTimelineAsync(db, "AS-with-history", 1, At(1_732_415_190_123), "PendingReview", "User:u-1", "Applied.");
            await InsertTimelineAsync(db, "AS-with-history", 3, At(1_732_415_200_000), "Completed", "System:outbox", "Refund paid.");
            await InsertCapabilityAsync(db, "AS-with-history", 2, "refund.calculate", "self-refund", "retail.self");
            await InsertCapabilityAsync(db, "AS-with-history", 1, "application.intercept", "kernel.intercept", "kernel");

            var applied = await SchemaMigrator.MigrateAsync(db, NullLogger.Instance);
            applied.Should().Equal(SchemaMigrator.Scripts(engine).Select(s => s.Version).Where(v => v > LastVersionWithChildTables));
        }

        await using var read = fixture.NewContext();
        var sale = await read.AfterSales.AsNoTracking().SingleAsync(a => a.AfterSaleId == "AS-with-history");
        sale.Timeline.Select(t => (t.Sequence, t.At, t.Status, t.Actor, t.Note)).Should().Equal(
            (1, At(1_732_415_190_123), "PendingReview", "User:u-1", "Applied."),
            (2, At(1_732_415_191_999), "PendingRefund", "Cs:agent-7", "Approved: \"ok\" — 退款 ✓"),
            (3, At(1_732_415_200_000), "Completed", "System:outbox", "Refund paid."));
        sale.Capabilities.Select(c => (c.Sequence, c.ExtensionPoint, c.Extension, c.Plugin)).Should().Equal(
            (1, "application.intercept", "kernel.intercept", "kernel"),
            (2, "refund.calculate", "self-refund", "retail.self"));

        var bare = await read.AfterSales.AsNoTracking().SingleAsync(a => a.AfterSaleId == "AS-without-history");
        bare.Timeline.Should().BeEmpty();
        bare.Capabilities.Should().BeEmpty();

        (await LegacySchema.TablesAsync(read, engine)).Should().NotContain(["after_sale_timeline", "after_sale_capabilities"]);
    }

    private static DateTimeOffset At(long unixMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds);

    // Every required column of version 10's after_sales gets a value of its type; the ones the domain reads as enums or
    // JSON get real ones.
    private async Task InsertLegacyAfterSaleAsync(ReverseDbContext db, string afterSaleId)
    {
        var columnsSql = engine == DatabaseEngine.Sqlite
            ? "SELECT name || '|' || type AS \"Value\" FROM pragma_table_info('after_sales') WHERE \"notnull\" = 1"
            : "SELECT column_name || '|' || data_type AS \"Value\" FROM information_schema.columns WHERE table_name = 'after_sales' AND is_nullable = 'NO'";
        var columns = (await db.Database.SqlQueryRaw<string>(columnsSql).ToListAsync()).Select(c => c.Split('|')).ToList();
        columns.Should().HaveCountGreaterThan(10, "version 10's after_sales has many required columns");
        var values = columns.Select(c => c[0] switch
        {
            "after_sale_id" => $"'{afterSaleId}'",
            "type" => "'RefundOnly'",
            "status" => "'Completed'",
            "evidence" => "'[]'",
            _ => c[1].ToUpperInvariant() switch
            {
                "INTEGER" or "BIGINT" or "NUMERIC" => "0",
                "TIMESTAMP WITH TIME ZONE" => "now()",
                "BOOLEAN" => "false",
                _ => "'0'",
            },
        });
        var sql = $"INSERT INTO after_sales ({string.Join(", ", columns.Select(c => c[0]))}) VALUES ({string.Join(", ", values)})";
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    private async Task InsertTimelineAsync(ReverseDbContext db, string afterSaleId, int sequence, DateTimeOffset at, string status, string actor, string note)
        => await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO after_sale_timeline (after_sale_id, sequence, at, status, actor, note) VALUES ({0}, {1}, {2}, {3}, {4}, {5})",
            [afterSaleId, sequence, engine == DatabaseEngine.Sqlite ? at.ToUnixTimeMilliseconds() : at, status, actor, note]);

    private static async Task InsertCapabilityAsync(ReverseDbContext db, string afterSaleId, int sequence, string point, string extension, string plugin)
        => await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO after_sale_capabilities (after_sale_id, sequence, extension_point, extension, plugin) VALUES ({0}, {1}, {2}, {3}, {4})",
            [afterSaleId, sequence, point, extension, plugin]);
}
