namespace ReversePaas.Sdk.Ports;

/// <summary>The inventory system.</summary>
public interface IInventoryPort
{
    /// <summary>Puts units back into sellable stock (idempotent by after-sale id).</summary>
    Task<PortResult> RestockAsync(string afterSaleId, string orderId, IReadOnlyList<ReturnLine> lines, CancellationToken cancellationToken);
}
