using ReversePaas.Kernel.Activities;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Host.Simulators;

/// <summary>
/// Registers the embedded simulators of the external systems by scanning: every class of this namespace that
/// implements a port is a singleton, served both as itself (the drills' fault injection) and as its port, from which
/// <see cref="ExternalSystems"/> is composed. A real adapter replaces a port's registration, nothing else.
/// </summary>
internal static class PortSimulatorRegistration
{
    public static IServiceCollection AddPortSimulators(this IServiceCollection services)
    {
        services.Scan(scan => scan
            .FromAssemblyOf<PaymentSimulator>()
            .AddClasses(classes => classes.InExactNamespaceOf<PaymentSimulator>()
                .AssignableToAny(typeof(IPaymentPort), typeof(IWarehousePort), typeof(ILogisticsPort), typeof(IInventoryPort), typeof(ISettlementPort)), publicOnly: false)
            .AsSelfWithInterfaces()
            .WithSingletonLifetime());
        return services.AddSingleton(sp => new ExternalSystems(
            sp.GetRequiredService<IPaymentPort>(),
            sp.GetRequiredService<IWarehousePort>(),
            sp.GetRequiredService<ILogisticsPort>(),
            sp.GetRequiredService<IInventoryPort>(),
            sp.GetRequiredService<ISettlementPort>()));
    }
}
