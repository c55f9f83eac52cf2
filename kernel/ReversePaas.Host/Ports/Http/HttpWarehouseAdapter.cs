using ReversePaas.Sdk.Ports;

namespace ReversePaas.Host.Ports.Http;

/// <summary>The WMS over HTTP: stop push and intercept by order, return inbound and outbound by after-sale.</summary>
[PortAdapter(HttpPortRegistration.Mode)]
internal sealed class HttpWarehouseAdapter(HttpPortClient client) : IWarehousePort
{
    public Task<PortResult> StopPushAsync(string orderId, CancellationToken cancellationToken)
        => client.PostAsync("warehouse", $"warehouse/orders/{Uri.EscapeDataString(orderId)}/stop-push", orderId, new { orderId }, cancellationToken);

    public Task<PortResult> InterceptAsync(string orderId, CancellationToken cancellationToken)
        => client.PostAsync("warehouse", $"warehouse/orders/{Uri.EscapeDataString(orderId)}/intercept", orderId, new { orderId }, cancellationToken);

    public Task<PortResult> ExpectReturnAsync(string afterSaleId, string orderId, IReadOnlyList<ReturnLine> lines, CancellationToken cancellationToken)
        => client.PostAsync("warehouse", "warehouse/returns", afterSaleId, new GoodsWireRequest(afterSaleId, orderId, lines), cancellationToken);

    public Task<PortResult> ShipOutboundAsync(string afterSaleId, string orderId, IReadOnlyList<ReturnLine> lines, CancellationToken cancellationToken)
        => client.PostAsync("warehouse", "warehouse/outbounds", afterSaleId, new GoodsWireRequest(afterSaleId, orderId, lines), cancellationToken);
}
