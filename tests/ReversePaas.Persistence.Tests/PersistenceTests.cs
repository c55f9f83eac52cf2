using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using ReversePaas.Kernel.Activities;
using ReversePaas.Kernel.AfterSales;
using ReversePaas.Kernel.Domain;
using ReversePaas.Persistence.Schema;
using ReversePaas.Sdk;

namespace ReversePaas.Persistence.Tests;

/// <summary>
/// Schema scripts, optimistic concurrency and unique keys, on SQLite and on PostgreSQL; on PostgreSQL also with the
/// store's direct writes (<see cref="Writes.DirectChangeWriter"/>), which must keep every one of these promises.
/// </summary>
public abstract class PersistenceTests(DatabaseEngine engine, bool directWrites = false)
{
    /// <summary>The writer the stores of this run use (null: EF's SaveChanges only).</summary>
    protected Writes.DirectChangeWriter? Writer { get; } = directWrites ? new Writes.DirectChangeWriter() : null;

    /// <summary>A store over <paramref name="db"/>, writing as this run does.</summary>
    protected EfReverseStore NewStore(ReverseDbContext db) => new(db, null, Writer);

    [Fact]
    public async Task The_schema_scripts_create_every_table_and_column_of_the_model_and_apply_once()
    {
        var fixture = await StoreFixture.CreateAsync(engine);
        await using var db = fixture.NewContext();

        (await SchemaMigrator.MigrateAsync(db, NullLogger.Instance)).Should().BeEmpty("every script was applied when the fixture was created");
        var columns = await ColumnsAsync(db);
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            foreach (var property in entity.GetProperties())
            {
                var column = property.GetColumnName();
                columns.Should().Contain($"{table}.{column}", $"the model maps {entity.ClrType.Name}.{property.Name} there, so a script must create it");
            }
        }
    }

    [Fact]
    public async Task Hosts_migrating_at_the_same_time_apply_each_script_once()
    {
        var connection = engine == DatabaseEngine.Sqlite ? TestDatabases.NewSqlite() : await TestDatabases.NewPostgresAsync();
        var fixture = new StoreFixture(connection);

        var applied = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var db = fixture.NewContext();
            return await SchemaMigrator.MigrateAsync(db, NullLogger.Instance);
        }));

        applied.SelectMany(a => a).Should().Equal(SchemaMigrator.Scripts(engine).Select(s => s.Version));
    }

    [Fact]
    public async Task A_write_based_on_a_stale_ledger_is_refused_and_nothing_of_it_is_stored()
    {
        var fixture = await StoreFixture.CreateAsync(engine);
        await using (var setup = fixture.NewContext())
        {
            setup.Orders.Add(StoreFixture.NewOrder("O-stale"));
            await setup.SaveChangesAsync();
        }

        await using var first = fixture.NewContext();
        await using var second = fixture.NewContext();
        var a = NewStore(first);
        var b = NewStore(second);
        var orderA = (await a.FindOrderAsync("O-stale", default))!;
        var orderB = (await b.FindOrderAsync("O-stale", default))!;

        orderA.Reserve(15m, DateTimeOffset.UnixEpoch);
        await a.SaveAsync(default);
        orderB.Reserve(15m, DateTimeOffset.UnixEpoch); // allowed by its stale view: 20 refundable
        var stale = () => b.SaveAsync(default);

        await stale.Should().ThrowAsync<TransientConflictException>();
        await using var check = fixture.NewContext();
        var stored = await check.Orders.SingleAsync(o => o.OrderId == "O-stale");
        stored.Ledger.Reserved.Should().Be(15m);
        stored.Ledger.Refundable.Should().Be(5m);
    }

    [Fact]
    public async Task A_second_refund_record_for_the_same_after_sale_is_refused()
    {
        var fixture = await StoreFixture.CreateAsync(engine);
        await using (var db = fixture.NewContext())
        {
            var store = NewStore(db);
            store.Add(new RefundRecord("R-1", "AS-1", "O-1", 10m, "PAY-1", DateTimeOffset.UnixEpoch));
            await store.SaveAsync(default);
        }

        await using (var db = fixture.NewContext())
        {
            var store = NewStore(db);
            store.Add(new RefundRecord("R-2", "AS-1", "O-1", 10m, "PAY-2", DateTimeOffset.UnixEpoch));
            var twice = () => store.SaveAsync(default);
            await twice.Should().ThrowAsync<DuplicateException>();
        }

        await using var check = fixture.NewContext();
        (await check.Refunds.CountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task An_order_round_trips_with_its_lines_attributes_and_ledger()
    {
        var fixture = await StoreFixture.CreateAsync(engine);
        await using (var db = fixture.NewContext())
        {
            db.Orders.Add(StoreFixture.NewOrder("O-trip", 33.33m, 3));
            await db.SaveChangesAsync();
        }

        await using var read = fixture.NewContext();
        var order = (await NewStore(read).FindOrderAsync("O-trip", default))!;
        order.Lines.Should().ContainSingle().Which.PaidAmount.Should().Be(99.99m);
        order.Ledger.Paid.Should().Be(99.99m);
        order.Attributes.Should().Contain("trusted", "true");
        order.CompletedAt.Should().Be(DateTimeOffset.UnixEpoch);
        order.BusinessIdentity.Should().Be("retail.self");
    }

    [Fact]
    public async Task The_claims_read_counts_to_the_cent_what_the_loaded_after_sales_count()
    {
        var fixture = await StoreFixture.CreateAsync(engine);
        await using (var db = fixture.NewContext())
        {
            var store = NewStore(db);
            store.Add(Sale("AS-open", "O-claims", 0m, (1, 1, 10.01m), (2, 2, 0.99m)), null, null);
            store.Add(Sale("AS-open-too", "O-claims", 0m, (1, 2, 20.02m)), null, null);
            store.Add(Sale("AS-rejected", "O-claims", 6.00m, (1, 1, 5.50m), AfterSaleCommand.Reject), null, null);
            store.Add(Sale("AS-withdrawn", "O-claims", 0m, (2, 5, 50.00m), AfterSaleCommand.Withdraw), null, null);
            store.Add(Sale("AS-other-order", "O-other", 4.00m, (1, 7, 70.00m)), null, null);
            await store.SaveAsync(default);
        }

        await using (var read = fixture.NewContext())
        {
            var store = NewStore(read);
            var claims = await store.ClaimsOfOrderAsync("O-claims", default);
            var counted = new OrderClaims(await store.AfterSalesOfOrderAsync("O-claims", default));
            foreach (var c in new[] { claims, counted })
            {
                (c.Quantity(1), c.Amount(1)).Should().Be((3, 30.03m), "the rejected after-sale released its unit");
                (c.Quantity(2), c.Amount(2)).Should().Be((2, 0.99m), "the withdrawn after-sale released its five");
                (c.Quantity(3), c.Amount(3)).Should().Be((0, 0m));
                c.FreightClaimed.Should().BeFalse("only the rejected after-sale refunded freight");
            }
        }

        await using (var db = fixture.NewContext())
        {
            var store = NewStore(db);
            store.Add(Sale("AS-freight-only", "O-claims", 3.00m), null, null);
            await store.SaveAsync(default);
        }

        await using var again = fixture.NewContext();
        var withFreight = await NewStore(again).ClaimsOfOrderAsync("O-claims", default);
        withFreight.FreightClaimed.Should().BeTrue("an after-sale without lines still claims the freight it refunds");
        (withFreight.Quantity(1), withFreight.Amount(1)).Should().Be((3, 30.03m));
        (await NewStore(again).ClaimsOfOrderAsync("O-none", default)).Quantity(1).Should().Be(0);
    }

    [Fact]
    public async Task Archived_after_sales_claim_in_the_same_single_statement_and_a_copy_caught_mid_move_counts_once()
    {
        var fixture = await StoreFixture.CreateAsync(engine);
        await using (var db = fixture.NewContext())
        {
            var store = NewStore(db);
            store.Add(Sale("AS-hot", "O-arch", 0m, (1, 1, 10.01m)), null, null);
            store.Add(Sale("AS-archived", "O-arch", 2.50m, (1, 2, 20.02m), (2, 1, 0.99m)), null, null);
            store.Add(Sale("AS-mid-move", "O-arch", 0m, (2, 3, 3.03m)), null, null);
            store.Add(Sale("AS-archived-rejected", "O-arch", 0m, (1, 4, 40.00m), AfterSaleCommand.Reject), null, null);
            await store.SaveAsync(default);

            // As the mover does, by hand: copy into the archive, then drop from the hot tables, except the after-sale
            // caught between the two (a SQLite reader can see an attached file's commit apart from the main file's).
            string[] archived = ["AS-archived", "AS-mid-move", "AS-archived-rejected"];
            var copies = Archive.MoveStatements.For(db.Model);
            object archivedAt = engine == DatabaseEngine.Sqlite ? 0L : DateTimeOffset.UnixEpoch;
            foreach (var id in archived)
            {
                await db.Database.ExecuteSqlRawAsync(copies.CopySales.Replace("@ids", "{0}").Replace("@archivedAt", "{1}"), id, archivedAt);
                await db.Database.ExecuteSqlRawAsync(copies.CopyLines.Replace("@ids", "{0}"), id);
            }

            foreach (var id in archived.Where(id => id != "AS-mid-move"))
            {
                await db.Database.ExecuteSqlRawAsync("DELETE FROM after_sale_lines WHERE after_sale_id = {0}", id);
                await db.Database.ExecuteSqlRawAsync("DELETE FROM after_sales WHERE after_sale_id = {0}", id);
            }
        }

        var commands = new CommandCounter();
        var options = new DbContextOptionsBuilder<ReverseDbContext>();
        options.UseReverseDatabase(fixture.ConnectionString).AddInterceptors(commands);
        await using var read = new ReverseDbContext(options.Options);
        await read.Database.OpenConnectionAsync();
        var before = commands.Count;
        var claims = await NewStore(read).ClaimsOfOrderAsync("O-arch", default);

        (commands.Count - before).Should().Be(1, "hot and archived claims are read in one statement (one round trip)");
        (claims.Quantity(1), claims.Amount(1)).Should().Be((3, 30.03m), "the archived after-sale still claims; the archived rejection does not");
        (claims.Quantity(2), claims.Amount(2)).Should().Be((4, 4.02m), "the copy caught mid-move counts once, not twice");
        claims.FreightClaimed.Should().BeTrue("the archived after-sale refunded freight");
    }

    private static AfterSale Sale(string afterSaleId, string orderId, decimal freight, params (int LineNo, int Quantity, decimal Amount)[] lines)
        => Sale(afterSaleId, orderId, freight, lines, null);

    private static AfterSale Sale(string afterSaleId, string orderId, decimal freight, (int LineNo, int Quantity, decimal Amount) line, AfterSaleCommand then)
        => Sale(afterSaleId, orderId, freight, [line], then);

    private static AfterSale Sale(string afterSaleId, string orderId, decimal freight, (int LineNo, int Quantity, decimal Amount)[] lines, AfterSaleCommand? then)
    {
        var applicant = new Actor(ActorRole.User, "u-1");
        var sale = AfterSale.Open(
            new AfterSaleDraft
            {
                AfterSaleId = afterSaleId,
                OrderId = orderId,
                Type = AfterSaleType.ReturnRefund,
                Identity = BusinessIdentity.Parse("retail.self"),
                Reason = "claims",
                Applicant = applicant,
                UserId = "u-1",
                VenderId = "v-1",
                Lines = [.. lines.Select(l => new AfterSaleDraftLine(l.LineNo, $"SKU-{l.LineNo}", "item", l.Quantity, l.Amount))],
                FreightRefund = freight,
                Evidence = [],
                PickupAt = null,
            },
            DateTimeOffset.UnixEpoch);
        if (then is { } command)
        {
            sale.Fire(command, applicant, "test", DateTimeOffset.UnixEpoch);
        }

        return sale;
    }

    private async Task<HashSet<string>> ColumnsAsync(ReverseDbContext db)
    {
        var sql = engine == DatabaseEngine.Sqlite
            ? "SELECT m.name || '.' || p.name AS \"Value\" FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'"
            : "SELECT table_name || '.' || column_name AS \"Value\" FROM information_schema.columns WHERE table_schema = 'public'";
        return [.. await db.Database.SqlQueryRaw<string>(sql).ToListAsync()];
    }

    /// <summary>Counts the commands a context sends (one per statement EF runs).</summary>
    private sealed class CommandCounter : DbCommandInterceptor
    {
        private int _count;

        public int Count => _count;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
