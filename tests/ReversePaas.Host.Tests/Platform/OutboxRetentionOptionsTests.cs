using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Persistence.Outbox;

namespace ReversePaas.Host.Tests.Platform;

/// <summary>
/// <c>Outbox:RetainDispatchedFor</c>: its default, its check at start, and the host running the sweep with it; and the
/// same start check for <c>Outbox:ClaimLease</c>.
/// </summary>
public sealed class OutboxRetentionOptionsTests
{
    [Fact]
    public void Dispatched_messages_are_kept_seven_days_unless_configured()
    {
        OutboxOptions.From(Configuration()).RetainDispatchedFor.Should().Be(TimeSpan.FromDays(7));
        OutboxOptions.From(Configuration(("Outbox:RetainDispatchedFor", "30.00:00:00"))).RetainDispatchedFor.Should().Be(TimeSpan.FromDays(30));
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-1.00:00:00")]
    public void A_retention_that_is_not_positive_is_refused_with_the_option_named(string value)
    {
        var bind = () => OutboxOptions.From(Configuration(("Outbox:RetainDispatchedFor", value)));

        bind.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain("Outbox:RetainDispatchedFor").And.Contain("positive");
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:05")]
    public void A_claim_lease_that_is_not_positive_is_refused_with_the_option_named(string value)
    {
        var bind = () => OutboxOptions.From(Configuration(("Outbox:ClaimLease", value)));

        bind.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain("Outbox:ClaimLease").And.Contain("positive");
        OutboxOptions.From(Configuration(("Outbox:ClaimLease", "00:00:10"))).ClaimLease.Should().Be(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_retention_that_is_not_positive_stops_the_start()
    {
        var start = () => RunningHost.StartAsync(TestPaths.PluginsFolderWith(), settings: ["Outbox:RetainDispatchedFor=00:00:00"]);

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("Outbox:RetainDispatchedFor");
    }

    [Fact]
    public async Task The_host_runs_the_sweep_with_the_configured_retention()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.PluginsFolderWith(), settings: ["Outbox:RetainDispatchedFor=2.00:00:00"]);

        host.Services.GetServices<IHostedService>().OfType<OutboxRetentionSweep>().Should().ContainSingle();
        host.Services.GetRequiredService<OutboxOptions>().RetainDispatchedFor.Should().Be(TimeSpan.FromDays(2));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings)
        => new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
