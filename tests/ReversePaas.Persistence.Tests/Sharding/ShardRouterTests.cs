using System.Globalization;
using ReversePaas.Kernel.AfterSales;
using ReversePaas.Persistence.Sharding;

namespace ReversePaas.Persistence.Tests.Sharding;

/// <summary>The router: order numbers and after-sale ids to the database that owns their logical shard, at the range edges too.</summary>
public sealed class ShardRouterTests
{
    private const string Home = "Host=127.0.0.1;Database=home";
    private const string Second = "Host=127.0.0.1;Database=second";

    private static readonly ShardRouter Router = new(ShardMap.Create(
        [new ShardDatabaseOptions { ConnectionString = Home, LogicalShards = "0-511" }, new ShardDatabaseOptions { ConnectionString = Second, LogicalShards = "512-1023" }],
        Home));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(511, 0)]
    [InlineData(512, 1)]
    [InlineData(1023, 1)]
    public void An_order_goes_to_the_database_owning_its_logical_shard(int logicalShard, int database)
    {
        var orderId = OrderIdIn(logicalShard);

        AfterSaleIds.ShardOf(orderId).Should().Be(logicalShard);
        Router.DatabaseOfOrder(orderId).Should().Be(database);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(511, 0)]
    [InlineData(512, 1)]
    [InlineData(1023, 1)]
    public void An_after_sale_goes_to_the_database_of_the_shard_its_id_carries(int logicalShard, int database)
    {
        var id = AfterSaleIds.New(OrderIdIn(logicalShard), DateTimeOffset.UtcNow);

        Router.TryDatabaseOfAfterSale(id, out var found).Should().BeTrue();
        found.Should().Be(database);
        ShardRouter.TryLogicalShardOf(id, out var shard).Should().BeTrue();
        shard.Should().Be(logicalShard);
    }

    [Fact]
    public void An_after_sale_is_routed_with_its_order()
    {
        for (var i = 0; i < 200; i++)
        {
            var orderId = string.Create(CultureInfo.InvariantCulture, $"O-{i}");
            Router.TryDatabaseOfAfterSale(AfterSaleIds.New(orderId, DateTimeOffset.UtcNow), out var database).Should().BeTrue();
            database.Should().Be(Router.DatabaseOfOrder(orderId), orderId);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("AS-1024-0193a1b2c3d4e5f60718293a4b5c6d7e")]
    [InlineData("AS-9999-0193a1b2c3d4e5f60718293a4b5c6d7e")]
    [InlineData("AS-+001-0193a1b2c3d4e5f60718293a4b5c6d7e")]
    [InlineData("AS- 001-0193a1b2c3d4e5f60718293a4b5c6d7e")]
    [InlineData("AS-0001-0193a1b2c3d4e5f60718293a4b5c6d7")]
    [InlineData("AS-0001-0193a1b2c3d4e5f60718293a4b5c6d7z")]
    [InlineData("AS-0001x0193a1b2c3d4e5f60718293a4b5c6d7e")]
    [InlineData("XX-0001-0193a1b2c3d4e5f60718293a4b5c6d7e")]
    [InlineData("AS-0001-0193a1b2c3d4e5f60718293a4b5c6d7e0")]
    [InlineData("not-an-id")]
    public void A_malformed_after_sale_id_names_no_database(string? id)
    {
        Router.TryDatabaseOfAfterSale(id, out var database).Should().BeFalse();
        database.Should().Be(-1);
    }

    /// <summary>An order number whose logical shard is <paramref name="logicalShard"/> (found by trying, as an operator would).</summary>
    public static string OrderIdIn(int logicalShard)
    {
        for (var i = 0; ; i++)
        {
            var orderId = string.Create(CultureInfo.InvariantCulture, $"O-{i}");
            if (AfterSaleIds.ShardOf(orderId) == logicalShard)
            {
                return orderId;
            }
        }
    }
}
