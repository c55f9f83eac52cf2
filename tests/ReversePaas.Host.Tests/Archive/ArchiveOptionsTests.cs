using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Persistence.Archive;

namespace ReversePaas.Host.Tests.Archive;

/// <summary><c>Archive:*</c>: the defaults, the checks at start, and the host running the mover only when enabled.</summary>
public sealed class ArchiveOptionsTests
{
    [Fact]
    public void The_defaults_are_on_after_180_days_in_batches_of_500_every_ten_minutes()
    {
        var options = ArchiveOptions.From(Configuration());

        (options.Enabled, options.After, options.BatchSize, options.Interval).Should().Be((true, TimeSpan.FromDays(180), 500, TimeSpan.FromMinutes(10)));
        var configured = ArchiveOptions.From(Configuration(("Archive:After", "30.00:00:00"), ("Archive:BatchSize", "50"), ("Archive:Interval", "00:01:00"), ("Archive:Enabled", "false")));
        (configured.Enabled, configured.After, configured.BatchSize, configured.Interval).Should().Be((false, TimeSpan.FromDays(30), 50, TimeSpan.FromMinutes(1)));
    }

    [Theory]
    [InlineData("Archive:After", "00:00:00", "positive")]
    [InlineData("Archive:After", "-1.00:00:00", "positive")]
    [InlineData("Archive:Interval", "00:00:00", "positive")]
    [InlineData("Archive:BatchSize", "0", "between 1 and 10000")]
    [InlineData("Archive:BatchSize", "10001", "between 1 and 10000")]
    public void A_value_the_mover_cannot_run_with_is_refused_with_the_option_named(string key, string value, string why)
    {
        var bind = () => ArchiveOptions.From(Configuration((key, value)));

        bind.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain(key).And.Contain(why);
    }

    [Fact]
    public async Task A_bad_value_stops_the_start()
    {
        var start = () => RunningHost.StartAsync(TestPaths.PluginsFolderWith(), settings: ["Archive:After=00:00:00"]);

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("Archive:After");
    }

    [Fact]
    public async Task The_host_runs_the_mover_when_enabled_and_keeps_it_at_hand_when_not()
    {
        await using (var host = await RunningHost.StartAsync(TestPaths.PluginsFolderWith()))
        {
            host.Services.GetServices<IHostedService>().OfType<ArchiveMover>().Should().ContainSingle();
        }

        await using (var host = await RunningHost.StartAsync(TestPaths.PluginsFolderWith(), settings: ["Archive:Enabled=false"]))
        {
            host.Services.GetServices<IHostedService>().OfType<ArchiveMover>().Should().BeEmpty();
            host.Services.GetRequiredService<ArchiveMover>().Should().NotBeNull("ops and tests can still run a pass");
        }
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings)
        => new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
}
