using ReversePaas.Sdk;
using ReversePaas.Sdk.Execution;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Extensions.DaojiaFresh;

/// <summary>
/// A courier trip per return is too costly for grocery baskets: every return of one order travels in one pickup.
/// The shipment key is the order, and the logistics port books a key once, so later returns join the first pickup.
/// </summary>
[Extension("daojia-fresh.combined-pickup", Identities = ["daojia.fresh"], Description = "Returns of one order share one pickup (shipment keyed by order).")]
public sealed class OrderCombinedReturnLogistics : IReturnLogistics
{
    /// <inheritdoc />
    public async Task<PortResult> ArrangeAsync(ReturnLogisticsContext context, CancellationToken cancellationToken)
    {
        var inbound = await context.Warehouse.ExpectReturnAsync(context.AfterSaleId, context.Order.OrderId, context.Lines, cancellationToken);
        if (!inbound.Succeeded || context.PickupAt is not { } pickupAt)
        {
            return inbound.Succeeded ? PortResult.Success("") : inbound;
        }

        return await context.Logistics.SchedulePickupAsync(
            new PickupRequest
            {
                ShipmentKey = $"pickup:order:{context.Order.OrderId}",
                OrderId = context.Order.OrderId,
                AfterSaleIds = [context.AfterSaleId],
                PickupAt = pickupAt,
            },
            cancellationToken);
    }
}
