using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReversePaas.Host.Ports;
using ReversePaas.Host.Simulators;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Kernel.Activities;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Host.Tests.Platform;

/// <summary>
/// <c>Ports:&lt;System&gt;:Mode</c> chooses which class serves each external system: the simulators by default, another
/// adapter by naming its mode, and a mode no class offers stops the start-up with a message that says what there is.
/// </summary>
public sealed class PortAdapterTests
{
    [Fact]
    public async Task Without_configuration_every_port_is_served_by_its_simulator()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins);
        var systems = host.Services.GetRequiredService<ExternalSystems>();

        systems.Payment.Should().BeSameAs(host.Services.GetRequiredService<PaymentSimulator>());
        systems.Warehouse.Should().BeSameAs(host.Services.GetRequiredService<WarehouseSimulator>());
        systems.Logistics.Should().BeSameAs(host.Services.GetRequiredService<LogisticsSimulator>());
        systems.Inventory.Should().BeSameAs(host.Services.GetRequiredService<InventorySimulator>());
        systems.Settlement.Should().BeSameAs(host.Services.GetRequiredService<SettlementSimulator>());
        foreach (var (port, _) in PortAdapters.Ports)
        {
            host.Services.GetServices(port).Should().ContainSingle($"one class serves {port.Name}");
        }
    }

    [Fact]
    public async Task A_mode_no_adapter_offers_stops_the_start_naming_the_key_and_the_modes_there_are()
    {
        var start = () => RunningHost.StartAsync(TestPaths.BundledPlugins, null, null, "Ports:Payment:Mode=Carrier-Pigeon");

        (await start.Should().ThrowAsync<InvalidOperationException>())
            .WithMessage("Ports:Payment:Mode is 'Carrier-Pigeon', but no payment adapter has that mode; this build offers: Http, Simulator.");
    }

    [Fact]
    public void An_adapter_is_one_marked_class_and_one_configuration_line()
    {
        var candidates = new[] { typeof(PaymentSimulator), typeof(WarehouseSimulator), typeof(LogisticsSimulator), typeof(InventorySimulator), typeof(SettlementSimulator), typeof(HttpPaymentStandIn) };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Ports:Payment:Mode", "http")]).Build();

        var chosen = PortAdapters.Choose(candidates, configuration);

        chosen[typeof(IPaymentPort)].Should().Be<HttpPaymentStandIn>("the mode is matched without regard to case");
        chosen[typeof(IWarehousePort)].Should().Be<WarehouseSimulator>();
        chosen.Should().HaveCount(5);
    }

    [Fact]
    public void Two_classes_offering_one_mode_for_a_port_are_refused()
    {
        var candidates = new[] { typeof(PaymentSimulator), typeof(WarehouseSimulator), typeof(LogisticsSimulator), typeof(InventorySimulator), typeof(SettlementSimulator), typeof(HttpPaymentStandIn), typeof(OtherHttpPaymentStandIn) };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Ports:Payment:Mode", "Http")]).Build();

        var choose = () => PortAdapters.Choose(candidates, configuration);

        choose.Should().Throw<InvalidOperationException>().WithMessage("*Ports:Payment:Mode 'Http' is offered by more than one class*");
    }

    [PortAdapter("Http")]
    private sealed class HttpPaymentStandIn : IPaymentPort
    {
        public Task<PortResult> RefundAsync(PaymentRefundRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    [PortAdapter("Http")]
    private sealed class OtherHttpPaymentStandIn : IPaymentPort
    {
        public Task<PortResult> RefundAsync(PaymentRefundRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
