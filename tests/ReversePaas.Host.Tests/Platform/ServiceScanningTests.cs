using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ReversePaas.Host.Health;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Persistence.Outbox;

namespace ReversePaas.Host.Tests.Platform;

/// <summary>
/// The families of services the host finds by scanning (Scrutor): every outbox consumer and readiness check of the host
/// assembly is registered, once, in its order, with nothing registered by hand beside it (ports: PortAdapterTests).
/// </summary>
public sealed class ServiceScanningTests
{
    private static readonly Assembly HostAssembly = typeof(ReadinessCheckAttribute).Assembly;

    [Fact]
    public async Task Every_outbox_consumer_of_the_host_is_registered_once_and_runs_in_its_order()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins);
        using var scope = host.Services.CreateScope();

        var registered = scope.ServiceProvider.GetServices<IOutboxConsumer>().OrderBy(c => c.Order).ToList();

        registered.Select(c => c.GetType()).Should().BeEquivalentTo(Implementations(typeof(IOutboxConsumer)).Where(t => !IsBrokers(t)));
        registered.Select(c => c.Name).Should().Equal("search-model", "settlement", "deadlines", "event-handlers", "execution");
    }

    [Fact]
    public async Task Every_marked_health_check_is_a_readiness_check_in_its_order()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins);
        var registrations = host.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;

        registrations.Select(r => r.Name).Should().Equal("extensions", "database", "outbox", "jobs", "locks");
        registrations.Should().OnlyContain(r => r.Tags.SetEquals(new[] { ReadinessChecks.Tag }));
        Implementations(typeof(IHealthCheck)).Where(t => !IsBrokers(t)).Should().OnlyContain(t => t.GetCustomAttribute<ReadinessCheckAttribute>() != null,
            "a health check class that is not marked would never run");
    }

    // The broker's consumer and check are registered by AddRabbitMqBroker, only with a broker (Broker/BrokerRegistrationTests).
    public static bool IsBrokers(Type type) => type.Namespace == typeof(ReversePaas.Host.Broker.BrokerTopology).Namespace;

    public static Type[] Implementations(Type contract)
        => [.. HostAssembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && contract.IsAssignableFrom(t))];
}
