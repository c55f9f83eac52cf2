using System.Reflection;
using ReversePaas.Host.Ports.Http;
using ReversePaas.Host.Simulators;
using ReversePaas.Kernel.Activities;

namespace ReversePaas.Host.Ports;

/// <summary>
/// Registers the external systems: every <see cref="PortAdapterAttribute"/> class of the host is found by scanning and
/// registered as itself (a singleton: the drills' fault injection reaches the simulators so), and each port is served by
/// the one its <c>Ports:&lt;System&gt;:Mode</c> chooses (<see cref="PortAdapters"/>), from which
/// <see cref="ExternalSystems"/> is composed.
/// </summary>
internal static class PortRegistration
{
    public static IServiceCollection AddPorts(this IServiceCollection services, IConfiguration configuration)
    {
        services.Scan(scan => scan
            .FromAssemblyOf<PaymentSimulator>()
            .AddClasses(classes => classes.WithAttribute<PortAdapterAttribute>(), publicOnly: false)
            .AsSelf()
            .WithSingletonLifetime());
        var tracePorts = Telemetry.TelemetrySetup.TracesEnabled(configuration);
        var chosen = PortAdapters.Choose(typeof(PortRegistration).Assembly.GetTypes(), configuration);
        foreach (var (port, implementation) in chosen)
        {
            services.AddSingleton(port, sp => tracePorts
                ? Telemetry.TracedPort.Wrap(port, sp.GetRequiredService(implementation))
                : sp.GetRequiredService(implementation));
        }

        services.AddHttpPorts(configuration, PortAdapters.Ports
            .Where(p => string.Equals(chosen[p.Port].GetCustomAttribute<PortAdapterAttribute>()?.Mode, HttpPortRegistration.Mode, StringComparison.OrdinalIgnoreCase))
            .Select(p => p.System));
        if (chosen.Values.Any(PortAdapters.IsSimulator))
        {
            services.AddSingleton<SimulatorsInUse>();
        }

        return services.AddSingleton(sp => new ExternalSystems(
            sp.GetRequiredService<Sdk.Ports.IPaymentPort>(),
            sp.GetRequiredService<Sdk.Ports.IWarehousePort>(),
            sp.GetRequiredService<Sdk.Ports.ILogisticsPort>(),
            sp.GetRequiredService<Sdk.Ports.IInventoryPort>(),
            sp.GetRequiredService<Sdk.Ports.ISettlementPort>()));
    }
}
