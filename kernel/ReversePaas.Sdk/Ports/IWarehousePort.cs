namespace ReversePaas.Sdk.Ports;

/// <summary>The warehouse management system (WMS).</summary>
public interface IWarehousePort
{
    /// <summary>Stops an order that was not yet pushed to the warehouse from being pushed.</summary>
    Task<PortResult> StopPushAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>Asks the warehouse to intercept a pushed order; refused once the goods are packed.</summary>
    Task<PortResult> InterceptAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>Announces a return inbound (idempotent by after-sale id).</summary>
    Task<PortResult> ExpectReturnAsync(string afterSaleId, string orderId, IReadOnlyList<ReturnLine> lines, CancellationToken cancellationToken);

    /// <summary>Ships goods out for an exchange or a repair (idempotent by after-sale id).</summary>
    Task<PortResult> ShipOutboundAsync(string afterSaleId, string orderId, IReadOnlyList<ReturnLine> lines, CancellationToken cancellationToken);
}
