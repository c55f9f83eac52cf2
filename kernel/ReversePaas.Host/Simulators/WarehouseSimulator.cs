using Microsoft.Extensions.Options;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Host.Simulators;

/// <summary>Embedded WMS: stop push, intercept (refused for configured orders), return inbound, outbound.</summary>
internal sealed class WarehouseSimulator(SimulatorJournal journal, IOptionsMonitor<SimulatorOptions> options) : IWarehousePort
{
    public Task<PortResult> StopPushAsync(string orderId, CancellationToken cancellationToken)
        => Task.FromResult(journal.Run("warehouse", "stop-push", orderId, orderId, null, "", options.CurrentValue.Warehouse));

    public Task<PortResult> InterceptAsync(string orderId, CancellationToken cancellationToken)
    {
        var faults = options.CurrentValue.Warehouse;
        return Task.FromResult(journal.Run("warehouse", "intercept", orderId, orderId, null, "", faults,
            _ => faults.RefuseInterceptOrderIds.Contains(orderId, StringComparer.Ordinal)
                ? "The goods were already picked for packing (Simulators:Warehouse:RefuseInterceptOrderIds)."
                : null));
    }

    public Task<PortResult> ExpectReturnAsync(string afterSaleId, string orderId, IReadOnlyList<ReturnLine> lines, CancellationToken cancellationToken)
        => Task.FromResult(journal.Run("warehouse", "expect-return", afterSaleId, orderId, null, Describe(lines), options.CurrentValue.Warehouse));

    public Task<PortResult> ShipOutboundAsync(string afterSaleId, string orderId, IReadOnlyList<ReturnLine> lines, CancellationToken cancellationToken)
        => Task.FromResult(journal.Run("warehouse", "outbound", afterSaleId, orderId, null, Describe(lines), options.CurrentValue.Warehouse));

    internal static string Describe(IReadOnlyList<ReturnLine> lines) => string.Join(", ", lines.Select(l => $"{l.LineNo}:{l.SkuId}×{l.Quantity}"));
}
