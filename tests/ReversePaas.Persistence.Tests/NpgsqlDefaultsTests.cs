using Npgsql;

namespace ReversePaas.Persistence.Tests;

/// <summary>The context's Npgsql settings: defaults where the connection string is silent, the operator's values where it is not.</summary>
public sealed class NpgsqlDefaultsTests
{
    private const string Server = "Host=127.0.0.1;Port=5432;Username=u;Password=p;Database=d";

    [Fact]
    public void A_connection_string_that_says_nothing_gets_preparation_no_reset_and_a_pool_sized_to_the_cores()
    {
        var applied = new NpgsqlConnectionStringBuilder(PersistenceServiceCollectionExtensions.WithNpgsqlDefaults(Server));

        applied.MaxAutoPrepare.Should().Be(64);
        applied.NoResetOnClose.Should().BeTrue();
        applied.MaxPoolSize.Should().Be(Math.Max(8, 4 * Environment.ProcessorCount)).And.NotBe(new NpgsqlConnectionStringBuilder().MaxPoolSize);
        applied.Host.Should().Be("127.0.0.1");
        applied.Database.Should().Be("d");
    }

    [Theory]
    [InlineData("Maximum Pool Size=50")]
    [InlineData("MaxPoolSize=50")]
    [InlineData("maximum pool size = 50")]
    public void A_pool_size_the_operator_set_is_kept_under_any_of_its_names(string setting)
    {
        var applied = new NpgsqlConnectionStringBuilder(PersistenceServiceCollectionExtensions.WithNpgsqlDefaults($"{Server};{setting}"));

        applied.MaxPoolSize.Should().Be(50);
    }

    [Fact]
    public void A_setting_quoted_inside_another_value_is_not_taken_for_one()
    {
        var applied = new NpgsqlConnectionStringBuilder(
            PersistenceServiceCollectionExtensions.WithNpgsqlDefaults("Host=127.0.0.1;Username=u;Database=d;Password='p;Maximum Pool Size=50'"));

        applied.Password.Should().Be("p;Maximum Pool Size=50");
        applied.MaxPoolSize.Should().Be(Math.Max(8, 4 * Environment.ProcessorCount), "the password only looks like a pool size");
    }

    [Fact]
    public void Preparation_and_reset_the_operator_set_are_kept()
    {
        var applied = new NpgsqlConnectionStringBuilder(
            PersistenceServiceCollectionExtensions.WithNpgsqlDefaults($"{Server};Max Auto Prepare=0;No Reset On Close=false"));

        applied.MaxAutoPrepare.Should().Be(0);
        applied.NoResetOnClose.Should().BeFalse();
    }
}
