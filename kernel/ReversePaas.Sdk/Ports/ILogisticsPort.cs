namespace ReversePaas.Sdk.Ports;

/// <summary>The logistics (courier) system.</summary>
public interface ILogisticsPort
{
    /// <summary>Books a pickup; idempotent by <see cref="PickupRequest.ShipmentKey"/>. The reference is the shipment id.</summary>
    Task<PortResult> SchedulePickupAsync(PickupRequest request, CancellationToken cancellationToken);
}
