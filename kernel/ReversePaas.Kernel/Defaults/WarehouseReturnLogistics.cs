using ReversePaas.Sdk;
using ReversePaas.Sdk.Execution;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Kernel.Defaults;

/// <summary>
/// Kernel default for <c>execution.return-logistics</c>: announce the return inbound to the warehouse, and book
/// a pickup keyed by the after-sale (idempotent) when the applicant asked for one.
/// </summary>
[Extension("kernel.return-logistics.per-after-sale", Description = "Announces the return inbound; books one pickup per after-sale when asked.")]
public sealed class WarehouseReturnLogistics : IReturnLogistics
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
                ShipmentKey = $"pickup:{context.AfterSaleId}",
                OrderId = context.Order.OrderId,
                AfterSaleIds = [context.AfterSaleId],
                PickupAt = pickupAt,
            },
            cancellationToken);
    }
}
