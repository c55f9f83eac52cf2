using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using ReversePaas.Kernel.Orders;
using ReversePaas.Persistence.Schema;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Persistence.Tests;

/// <summary>A migrated database of one engine, and contexts over it.</summary>
internal sealed class StoreFixture(string connectionString)
{
    public string ConnectionString { get; } = connectionString;

    public static async Task<StoreFixture> CreateAsync(DatabaseEngine engine)
    {
        var fixture = new StoreFixture(engine == DatabaseEngine.Sqlite ? TestDatabases.NewSqlite() : await TestDatabases.NewPostgresAsync());
        await using var db = fixture.NewContext();
        await SchemaMigrator.MigrateAsync(db, NullLogger.Instance);
        return fixture;
    }

    public ReverseDbContext NewContext()
    {
        var options = new DbContextOptionsBuilder<ReverseDbContext>();
        options.UseReverseDatabase(ConnectionString);
        return new ReverseDbContext(options.Options);
    }

    public static Order NewOrder(string orderId, decimal unitPrice = 10m, int quantity = 2)
        => Order.Register(
            new OrderRegistration
            {
                OrderId = orderId,
                UserId = "u-1",
                VenderId = "v-1",
                VenderType = "Self",
                OrderType = "Normal",
                Channel = "App",
                Status = OrderStatus.Completed,
                WarehouseStage = WarehouseStage.Packed,
                Freight = 0,
                Currency = "CNY",
                CompletedAt = DateTimeOffset.UnixEpoch,
                Attributes = new Dictionary<string, string> { ["trusted"] = "true" },
                Lines = [new OrderRegistrationLine(1, "A", "Item A", quantity, unitPrice, "1", null)],
                Discounts = [],
                Fingerprint = "f",
            },
            BusinessIdentity.Parse("retail.self"),
            DateTimeOffset.UnixEpoch);
}
