using ReversePaas.Persistence.Sharding;

namespace ReversePaas.Persistence.Tests.Sharding;

/// <summary>The range map's check at start: every logical shard in exactly one PostgreSQL database, or the reason why not.</summary>
public sealed class ShardMapTests
{
    private const string Home = "Host=127.0.0.1;Database=home";
    private const string Second = "Host=127.0.0.1;Database=second";

    [Fact]
    public void Ranges_and_single_shards_may_be_combined_and_each_shard_gets_its_database()
    {
        var map = ShardMap.Create([Database(Home, "0-255, 768-1023"), Database(Second, "256-766,767")], Home);

        map.DatabaseOf(0).Should().Be(0);
        map.DatabaseOf(255).Should().Be(0);
        map.DatabaseOf(256).Should().Be(1);
        map.DatabaseOf(767).Should().Be(1);
        map.DatabaseOf(768).Should().Be(0);
        map.DatabaseOf(1023).Should().Be(0);
        map.ConnectionStrings.Should().Equal(Home, Second);
    }

    [Fact]
    public void Overlapping_ranges_are_refused_naming_the_shard_and_both_databases()
    {
        var create = () => ShardMap.Create([Database(Home, "0-512"), Database(Second, "512-1023")], Home);

        create.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain("Shards:Databases:1:LogicalShards overlaps Shards:Databases:0").And.Contain("logical shard 512");
    }

    [Fact]
    public void Shards_left_without_a_database_are_refused_as_ranges()
    {
        var create = () => ShardMap.Create([Database(Home, "0-500"), Database(Second, "512-1000")], Home);

        create.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain("501-511,1001-1023").And.Contain("without a database");
    }

    [Theory]
    [InlineData("0-1024")]
    [InlineData("511-0")]
    [InlineData("a-b")]
    [InlineData("0-100-200")]
    [InlineData("-5")]
    [InlineData("")]
    public void A_range_that_is_not_one_is_refused(string ranges)
    {
        var create = () => ShardMap.Create([Database(Home, ranges), Database(Second, "0-1023")], Home);

        create.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain("Shards:Databases:0:LogicalShards");
    }

    [Fact]
    public void Sqlite_is_refused_as_a_shard_and_as_the_home_database()
    {
        var shard = () => ShardMap.Create([Database(Home, "0-511"), Database("Data Source=shard.db", "512-1023")], Home);
        var home = () => ShardMap.Create([Database(Home, "0-1023")], "Data Source=home.db");

        shard.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain("Shards:Databases:1:ConnectionString is not PostgreSQL");
        home.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain("sharding needs PostgreSQL").And.Contain("ConnectionStrings:ReversePaas is SQLite");
    }

    private static ShardDatabaseOptions Database(string connectionString, string shards) => new() { ConnectionString = connectionString, LogicalShards = shards };
}
