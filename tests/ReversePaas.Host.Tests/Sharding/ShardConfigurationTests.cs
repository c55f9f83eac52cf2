using ReversePaas.Host.Tests.Support;

namespace ReversePaas.Host.Tests.Sharding;

/// <summary>A <c>Shards</c> section that cannot work stops the host at start, saying why.</summary>
public sealed class ShardConfigurationTests
{
    [Fact]
    public async Task Overlapping_ranges_stop_the_host_at_start()
    {
        var home = await MigratedPostgres.NewAsync();

        var start = () => RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: home, settings:
        [
            $"Shards:Databases:0:ConnectionString={home}", "Shards:Databases:0:LogicalShards=0-600",
            $"Shards:Databases:1:ConnectionString={home}", "Shards:Databases:1:LogicalShards=512-1023",
        ]);

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("Shards:Databases:1:LogicalShards overlaps Shards:Databases:0");
    }

    [Fact]
    public async Task Logical_shards_left_without_a_database_stop_the_host_at_start()
    {
        var home = await MigratedPostgres.NewAsync();

        var start = () => RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: home, settings:
            [$"Shards:Databases:0:ConnectionString={home}", "Shards:Databases:0:LogicalShards=0-1000"]);

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("logical shard(s) 1001-1023 without a database");
    }

    [Fact]
    public async Task Sqlite_with_shards_stops_the_host_at_start()
    {
        var start = () => RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: TestDatabases.NewSqlite(), settings:
            [$"Shards:Databases:0:ConnectionString={TestDatabases.NewSqlite()}", "Shards:Databases:0:LogicalShards=0-1023"]);

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("sharding needs PostgreSQL");
    }
}
