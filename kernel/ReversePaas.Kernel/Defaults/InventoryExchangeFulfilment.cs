using ReversePaas.Sdk;
using ReversePaas.Sdk.Execution;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Kernel.Defaults;

/// <summary>
/// Kernel default for <c>execution.exchange-fulfilment</c>: the inventory reserves the replacement (and releases it),
/// the warehouse ships it (carrier <see cref="WarehouseRepairRouting.Carrier"/>, the WMS's outbound reference as the
/// tracking number); a replacement the inventory refused (out of stock) is refunded instead.
/// </summary>
[Extension("kernel.exchange-fulfilment.inventory-warehouse", Description = "Reserves the replacement in the inventory, ships it from the warehouse, refunds when out of stock.")]
public sealed class InventoryExchangeFulfilment : IExchangeFulfilment
{
    /// <inheritdoc />
    public Task<PortResult> ReserveAsync(OutboundContext context, CancellationToken cancellationToken)
        => context.Inventory.ReserveAsync(context.AfterSaleId, context.Order.OrderId, context.Lines, cancellationToken);

    /// <inheritdoc />
    public Task<PortResult> ReleaseAsync(OutboundContext context, CancellationToken cancellationToken)
        => context.Inventory.ReleaseAsync(context.AfterSaleId, context.Order.OrderId, context.Lines, cancellationToken);

    /// <inheritdoc />
    public async Task<OutboundResult> FulfilAsync(OutboundContext context, CancellationToken cancellationToken)
    {
        if (!context.ReplacementReserved)
        {
            var what = string.Join(", ", context.Lines.Select(l => $"'{l.SkuId}' × {l.Quantity}"));
            return OutboundResult.RefundInstead($"the replacement ({what}) is out of stock");
        }

        var shipped = await context.Warehouse.ShipOutboundAsync(context.AfterSaleId, context.Order.OrderId, context.Lines, cancellationToken);
        return shipped.Succeeded
            ? OutboundResult.Ship(WarehouseRepairRouting.Carrier, WarehouseRepairRouting.Carrier, shipped.Reference)
            : OutboundResult.Failure(shipped.FailureReason ?? "refused");
    }
}
