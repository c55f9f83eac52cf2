using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ReversePaas.Kernel.AfterSales;
using ReversePaas.Persistence.Schema;
using ReversePaas.Sdk;

namespace ReversePaas.Persistence.Tests;

/// <summary>
/// The store's direct writes on PostgreSQL (<see cref="Writes.DirectChangeWriter"/>): every promise of
/// <see cref="PersistenceTests"/> (stale ledger refused, duplicates refused, claims to the cent) holds with them, and the
/// rows they write are the rows EF writes, column for column.
/// </summary>
public sealed class PostgresDirectWriteTests() : PersistenceTests(DatabaseEngine.PostgreSql, directWrites: true)
{
    [Fact]
    public async Task An_application_written_directly_stores_the_rows_EF_stores()
    {
        var fixture = await StoreFixture.CreateAsync(DatabaseEngine.PostgreSql);
        await using (var setup = fixture.NewContext())
        {
            setup.Orders.AddRange(StoreFixture.NewOrder("O-ef", 33.33m, 3), StoreFixture.NewOrder("O-direct", 33.33m, 3));
            await setup.SaveChangesAsync();
        }

        await ApplyAsync(fixture, db => new EfReverseStore(db), "O-ef");
        var before = Writer!.Saves;
        await ApplyAsync(fixture, NewStore, "O-direct");
        Writer.Saves.Should().Be(before + 1, "the application went through the direct writer, not EF");

        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        foreach (var table in new[] { "orders", "after_sales", "after_sale_lines", "outbox_messages" })
        {
            var ef = await RowsAsync(connection, table, "O-ef");
            var direct = await RowsAsync(connection, table, "O-direct");
            ef.Should().NotBeEmpty($"the application wrote to {table}");
            direct.Should().Equal(ef, $"{table}: the direct writer stores what EF stores");
        }

        await using var read = fixture.NewContext();
        var order = await read.Orders.SingleAsync(o => o.OrderId == "O-direct");
        (order.Ledger.Reserved, order.Ledger.Refundable, order.Version).Should().Be((66.66m, 33.33m, 2L));
    }

    [Fact]
    public async Task A_unit_of_work_it_cannot_write_exactly_goes_through_EF()
    {
        var fixture = await StoreFixture.CreateAsync(DatabaseEngine.PostgreSql);
        var before = Writer!.Saves;
        await using (var db = fixture.NewContext())
        {
            var store = NewStore(db);
            store.Add(StoreFixture.NewOrder("O-new")); // the ledger is an owned type on the order's row: EF inserts both
            await store.SaveAsync(default);
        }

        Writer.Saves.Should().Be(before, "a new order (owner and owned type in one row) is left to EF");
        await using var read = fixture.NewContext();
        (await read.Orders.SingleAsync(o => o.OrderId == "O-new")).Ledger.Paid.Should().Be(20m);
    }

    private static async Task ApplyAsync(StoreFixture fixture, Func<ReverseDbContext, EfReverseStore> storeOver, string orderId)
    {
        await using var db = fixture.NewContext();
        var store = storeOver(db);
        var order = (await store.FindOrderAsync(orderId, default))!;
        var at = new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
        order.Reserve(66.66m, at);
        var applicant = new Actor(ActorRole.User, "u-1");
        var sale = AfterSale.Open(
            new AfterSaleDraft
            {
                AfterSaleId = $"AS-{orderId}",
                OrderId = orderId,
                Type = AfterSaleType.ReturnRefund,
                Identity = BusinessIdentity.Parse("retail.self"),
                Reason = "too small; \"quoted\" ünïcode",
                Applicant = applicant,
                UserId = "u-1",
                VenderId = "v-1",
                Lines = [new AfterSaleDraftLine(1, "A", "Item A", 2, 66.66m)],
                FreightRefund = 0m,
                Evidence = ["https://img.example/1.jpg", "https://img.example/2.jpg"],
                PickupAt = at.AddDays(1),
            },
            at);
        store.Add(sale, $"key-{orderId}", "fingerprint");
        await store.SaveAsync(default);
    }

    // Every column but those naming the order or the after-sale (and the outbox's own id), as JSON, in key order.
    private static async Task<List<string>> RowsAsync(NpgsqlConnection connection, string table, string orderId)
    {
        await using var command = new NpgsqlCommand($"SELECT row_to_json(t)::text FROM {table} t WHERE t.order_id = $1 ORDER BY 1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = orderId });
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = JsonNode.Parse(reader.GetString(0))!.AsObject();
            foreach (var name in new[] { "order_id", "after_sale_id", "key", "id", "idempotency_key" })
            {
                row.Remove(name);
            }

            rows.Add(string.Join(", ", row.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value?.ToJsonString()}")));
        }

        return rows;
    }
}
