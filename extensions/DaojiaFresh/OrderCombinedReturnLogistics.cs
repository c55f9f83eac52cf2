using ReversePaas.Sdk;
using ReversePaas.Sdk.Execution;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Extensions.DaojiaFresh;

/// <summary>
/// A courier trip per return is too costly for grocery baskets: the returns of one order dispatched in the same
/// pickup round travel in one shipment, keyed by order and round, at the earliest time any of them asked for (the
/// logistics port books a key once, so each return of the round joins the same shipment).
/// </summary>
[Extension("daojia-fresh.combined-pickup", Identities = ["daojia.fresh"], Description = "Returns of one order dispatched together share one pickup (shipment keyed by order and pickup round).")]
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
                ShipmentKey = $"pickup:order:{context.Order.OrderId}:{context.PickupRound}",
                OrderId = context.Order.OrderId,
                AfterSaleIds = [context.AfterSaleId],
                PickupAt = context.RoundPickupAt ?? pickupAt,
            },
            cancellationToken);
    }
}
