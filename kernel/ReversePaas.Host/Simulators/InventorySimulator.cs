using Microsoft.Extensions.Options;
using ReversePaas.Host.Ports;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Host.Simulators;

/// <summary>Embedded inventory: restock idempotent by after-sale.</summary>
[PortAdapter(PortAdapters.DefaultMode)]
internal sealed class InventorySimulator(SimulatorJournal journal, IOptionsMonitor<SimulatorOptions> options) : IInventoryPort
{
    public Task<PortResult> RestockAsync(string afterSaleId, string orderId, IReadOnlyList<ReturnLine> lines, CancellationToken cancellationToken)
        => journal.RunAsync("inventory", "restock", afterSaleId, orderId, null, WarehouseSimulator.Describe(lines), options.CurrentValue.Inventory, null, cancellationToken);
}
