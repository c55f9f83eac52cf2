using Microsoft.Extensions.Options;
using ReversePaas.Host.Ports;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Host.Simulators;

/// <summary>Embedded courier: pickups idempotent by shipment key.</summary>
[PortAdapter(PortAdapters.DefaultMode)]
internal sealed class LogisticsSimulator(SimulatorJournal journal, IOptionsMonitor<SimulatorOptions> options) : ILogisticsPort
{
    public Task<PortResult> SchedulePickupAsync(PickupRequest request, CancellationToken cancellationToken)
        => journal.RunAsync("logistics", "pickup", request.ShipmentKey, request.OrderId, null,
            $"{string.Join(",", request.AfterSaleIds)} at {request.PickupAt:O}", options.CurrentValue.Logistics, null, cancellationToken);
}
