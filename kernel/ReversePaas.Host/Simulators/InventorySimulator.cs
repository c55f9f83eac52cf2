using Microsoft.Extensions.Options;
using ReversePaas.Host.Ports;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Host.Simulators;

/// <summary>
/// Embedded inventory: restock, and the reservation of an exchange's replacement (refused for the SKUs of
/// <c>Simulators:Inventory:OutOfStockSkus</c>) and its release, each idempotent by after-sale.
/// </summary>
[PortAdapter(PortAdapters.DefaultMode)]
internal sealed class InventorySimulator(SimulatorJournal journal, IOptionsMonitor<SimulatorOptions> options) : IInventoryPort
{
    public Task<PortResult> RestockAsync(string afterSaleId, string orderId, IReadOnlyList<ReturnLine> lines, CancellationToken cancellationToken)
        => journal.RunAsync("inventory", "restock", afterSaleId, orderId, null, WarehouseSimulator.Describe(lines), options.CurrentValue.Inventory, null, cancellationToken);

    public Task<PortResult> ReserveAsync(string afterSaleId, string orderId, IReadOnlyList<ReturnLine> lines, CancellationToken cancellationToken)
    {
        var faults = options.CurrentValue.Inventory;
        return journal.RunAsync("inventory", "reserve", afterSaleId, orderId, null, WarehouseSimulator.Describe(lines), faults,
            _ => lines.FirstOrDefault(l => faults.OutOfStockSkus.Contains(l.SkuId, StringComparer.Ordinal)) is { } missing
                ? $"SKU '{missing.SkuId}' is out of stock (Simulators:Inventory:OutOfStockSkus)."
                : null,
            cancellationToken);
    }

    public Task<PortResult> ReleaseAsync(string afterSaleId, string orderId, IReadOnlyList<ReturnLine> lines, CancellationToken cancellationToken)
        => journal.RunAsync("inventory", "release", afterSaleId, orderId, null, WarehouseSimulator.Describe(lines), options.CurrentValue.Inventory, null, cancellationToken);
}
