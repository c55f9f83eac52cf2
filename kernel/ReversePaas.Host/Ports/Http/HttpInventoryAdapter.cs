using ReversePaas.Sdk.Ports;

namespace ReversePaas.Host.Ports.Http;

/// <summary>The inventory system over HTTP: <c>POST inventory/restocks</c>, idempotent by the after-sale id.</summary>
[PortAdapter(HttpPortRegistration.Mode)]
internal sealed class HttpInventoryAdapter(HttpPortClient client) : IInventoryPort
{
    public Task<PortResult> RestockAsync(string afterSaleId, string orderId, IReadOnlyList<ReturnLine> lines, CancellationToken cancellationToken)
        => client.PostAsync("inventory", "inventory/restocks", afterSaleId, new GoodsWireRequest(afterSaleId, orderId, lines), cancellationToken);
}
