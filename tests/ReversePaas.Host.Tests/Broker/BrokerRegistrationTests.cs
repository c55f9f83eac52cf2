using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ReversePaas.Host.Tests.Platform;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Persistence.Outbox;

namespace ReversePaas.Host.Tests.Broker;

/// <summary>
/// With <c>RabbitMq:Uri</c> set, the broker's outbox consumer runs after the event handlers and before execution, and
/// its readiness check joins the others; without it, neither exists (ServiceScanningTests).
/// </summary>
[Collection(BrokerTestGroup.Name)]
public sealed class BrokerRegistrationTests
{
    [Fact]
    public async Task A_broker_adds_its_outbox_consumer_before_execution_and_its_readiness_check()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, null, $"RabbitMq:Uri={TestRabbitMq.Uri}");
        using var scope = host.Services.CreateScope();

        var consumers = scope.ServiceProvider.GetServices<IOutboxConsumer>().OrderBy(c => c.Order).ToList();
        consumers.Select(c => c.GetType()).Should().BeEquivalentTo(ServiceScanningTests.Implementations(typeof(IOutboxConsumer)));
        consumers.Select(c => c.Name).Should().Equal("search-model", "settlement", "deadlines", "event-handlers", "broker", "execution");

        var checks = host.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        checks.Select(r => r.Name).Should().Equal("extensions", "database", "outbox", "jobs", "locks", "broker");
    }
}
