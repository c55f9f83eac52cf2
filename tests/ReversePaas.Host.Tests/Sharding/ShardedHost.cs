using System.Globalization;
using Npgsql;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Kernel.AfterSales;

namespace ReversePaas.Host.Tests.Sharding;

/// <summary>
/// A host over three PostgreSQL databases of the test server: a home database that is no shard, shard database 0
/// (logical shards 0–511) and shard database 1 (512–1023). Tests read the databases directly to see where rows are.
/// </summary>
internal sealed class ShardedHost : IAsyncDisposable
{
    private ShardedHost(ReverseApi api, string home, string[] shards)
    {
        Api = api;
        Home = home;
        Shards = shards;
    }

    public ReverseApi Api { get; }

    public string Home { get; }

    /// <summary>The shard databases' connection strings, by index.</summary>
    public string[] Shards { get; }

    public static async Task<ShardedHost> StartAsync(params string[] settings)
    {
        var home = await MigratedPostgres.NewAsync();
        string[] shards = [await MigratedPostgres.NewAsync(), await MigratedPostgres.NewAsync()];
        var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: home, settings:
        [
            $"Shards:Databases:0:ConnectionString={shards[0]}",
            "Shards:Databases:0:LogicalShards=0-511",
            $"Shards:Databases:1:ConnectionString={shards[1]}",
            "Shards:Databases:1:LogicalShards=512-1023",
            .. settings,
        ]);
        return new ShardedHost(new ReverseApi(host), home, shards);
    }

    /// <summary>A new order number whose logical shard falls in shard database <paramref name="database"/>'s range.</summary>
    public static string OrderIdOn(int database)
    {
        while (true)
        {
            var orderId = $"O-{Guid.NewGuid():N}";
            if (AfterSaleIds.ShardOf(orderId) / 512 == database)
            {
                return orderId;
            }
        }
    }

    /// <summary>The logical shard an after-sale id carries.</summary>
    public static int LogicalShardOf(string afterSaleId) => int.Parse(afterSaleId.AsSpan(3, 4), CultureInfo.InvariantCulture);

    /// <summary>How many rows of <paramref name="table"/> have <paramref name="column"/> = <paramref name="value"/> in the database.</summary>
    public static async Task<long> CountAsync(string connectionString, string table, string column, string value)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table} WHERE {column} = @value", connection);
        command.Parameters.AddWithValue("value", value);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The refunds recorded for the after-sale in the database: their amounts.</summary>
    public static async Task<List<decimal>> RefundAmountsAsync(string connectionString, string afterSaleId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT amount FROM refunds WHERE after_sale_id = @id", connection);
        command.Parameters.AddWithValue("id", afterSaleId);
        var amounts = new List<decimal>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            amounts.Add(reader.GetDecimal(0));
        }

        return amounts;
    }

    public ValueTask DisposeAsync() => Api.Host.DisposeAsync();
}
