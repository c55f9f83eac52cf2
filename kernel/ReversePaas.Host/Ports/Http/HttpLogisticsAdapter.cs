using ReversePaas.Sdk.Ports;

namespace ReversePaas.Host.Ports.Http;

/// <summary>The courier over HTTP: <c>POST logistics/pickups</c>, idempotent by the shipment key.</summary>
[PortAdapter(HttpPortRegistration.Mode)]
internal sealed class HttpLogisticsAdapter(HttpPortClient client) : ILogisticsPort
{
    public Task<PortResult> SchedulePickupAsync(PickupRequest request, CancellationToken cancellationToken)
        => client.PostAsync("logistics", "logistics/pickups", request.ShipmentKey,
            new PickupWireRequest(request.ShipmentKey, request.OrderId, request.AfterSaleIds, request.PickupAt), cancellationToken);
}
