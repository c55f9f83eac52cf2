using ReversePaas.Sdk.Ports;

namespace ReversePaas.Host.Ports.Http;

/// <summary>
/// The inventory system over HTTP: <c>POST inventory/restocks</c>, <c>inventory/reservations</c> and
/// <c>inventory/releases</c>, each idempotent by the after-sale id (docs/adapters.md).
/// </summary>
[PortAdapter(HttpPortRegistration.Mode)]
internal sealed class HttpInventoryAdapter(HttpPortClient client) : IInventoryPort
{
    public Task<PortResult> RestockAsync(string afterSaleId, string orderId, IReadOnlyList<ReturnLine> lines, CancellationToken cancellationToken)
        => client.PostAsync("inventory", "inventory/restocks", afterSaleId, new GoodsWireRequest(afterSaleId, orderId, lines), cancellationToken);

    public Task<PortResult> ReserveAsync(string afterSaleId, string orderId, IReadOnlyList<ReturnLine> lines, CancellationToken cancellationToken)
        => client.PostAsync("inventory", "inventory/reservations", afterSaleId, new GoodsWireRequest(afterSaleId, orderId, lines), cancellationToken);

    public Task<PortResult> ReleaseAsync(string afterSaleId, string orderId, IReadOnlyList<ReturnLine> lines, CancellationToken cancellationToken)
        => client.PostAsync("inventory", "inventory/releases", afterSaleId, new GoodsWireRequest(afterSaleId, orderId, lines), cancellationToken);
}
