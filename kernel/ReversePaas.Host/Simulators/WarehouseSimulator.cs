using Microsoft.Extensions.Options;
using ReversePaas.Host.Ports;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Host.Simulators;

/// <summary>Embedded WMS: stop push, intercept (refused for configured orders), return inbound, outbound.</summary>
[PortAdapter(PortAdapters.DefaultMode)]
internal sealed class WarehouseSimulator(SimulatorJournal journal, IOptionsMonitor<SimulatorOptions> options) : IWarehousePort
{
    public Task<PortResult> StopPushAsync(string orderId, CancellationToken cancellationToken)
        => journal.RunAsync("warehouse", "stop-push", orderId, orderId, null, "", options.CurrentValue.Warehouse, null, cancellationToken);

    public Task<PortResult> InterceptAsync(string orderId, CancellationToken cancellationToken)
    {
        var faults = options.CurrentValue.Warehouse;
        return journal.RunAsync("warehouse", "intercept", orderId, orderId, null, "", faults,
            _ => faults.RefuseInterceptOrderIds.Contains(orderId, StringComparer.Ordinal)
                ? "The goods were already picked for packing (Simulators:Warehouse:RefuseInterceptOrderIds)."
                : null,
            cancellationToken);
    }

    public Task<PortResult> ExpectReturnAsync(string afterSaleId, string orderId, IReadOnlyList<ReturnLine> lines, CancellationToken cancellationToken)
        => journal.RunAsync("warehouse", "expect-return", afterSaleId, orderId, null, Describe(lines), options.CurrentValue.Warehouse, null, cancellationToken);

    public Task<PortResult> ShipOutboundAsync(string afterSaleId, string orderId, IReadOnlyList<ReturnLine> lines, CancellationToken cancellationToken)
        => journal.RunAsync("warehouse", "outbound", afterSaleId, orderId, null, Describe(lines), options.CurrentValue.Warehouse, null, cancellationToken);

    internal static string Describe(IReadOnlyList<ReturnLine> lines) => string.Join(", ", lines.Select(l => $"{l.LineNo}:{l.SkuId}×{l.Quantity}"));
}
