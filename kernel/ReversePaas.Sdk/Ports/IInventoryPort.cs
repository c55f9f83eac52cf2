namespace ReversePaas.Sdk.Ports;

/// <summary>The inventory system.</summary>
public interface IInventoryPort
{
    /// <summary>Puts units back into sellable stock (idempotent by after-sale id).</summary>
    Task<PortResult> RestockAsync(string afterSaleId, string orderId, IReadOnlyList<ReturnLine> lines, CancellationToken cancellationToken);

    /// <summary>
    /// Reserves the replacement goods of an exchange (idempotent by after-sale id); refused when they are out of stock.
    /// Since Sdk 1.2.
    /// </summary>
    Task<PortResult> ReserveAsync(string afterSaleId, string orderId, IReadOnlyList<ReturnLine> lines, CancellationToken cancellationToken);

    /// <summary>Releases what <see cref="ReserveAsync"/> reserved for the after-sale (idempotent by after-sale id). Since Sdk 1.2.</summary>
    Task<PortResult> ReleaseAsync(string afterSaleId, string orderId, IReadOnlyList<ReturnLine> lines, CancellationToken cancellationToken);
}
