using ReversePaas.Sdk;
using ReversePaas.Sdk.Execution;

namespace ReversePaas.Kernel.Defaults;

/// <summary>
/// Kernel default for <c>execution.repair-routing</c>: the warehouse is the service centre. It ships the repaired goods
/// through the warehouse port (idempotent by after-sale id) with its own carrier, named <see cref="Carrier"/>; the
/// tracking number is the warehouse's outbound reference.
/// </summary>
[Extension("kernel.repair-routing.warehouse", Description = "The warehouse is the service centre: it ships the repaired goods back.")]
public sealed class WarehouseRepairRouting : IRepairRouting
{
    /// <summary>The service centre and carrier name of goods the warehouse ships.</summary>
    public const string Carrier = "warehouse";

    /// <inheritdoc />
    public async Task<OutboundResult> ShipBackAsync(OutboundContext context, CancellationToken cancellationToken)
    {
        var shipped = await context.Warehouse.ShipOutboundAsync(context.AfterSaleId, context.Order.OrderId, context.Lines, cancellationToken);
        return shipped.Succeeded ? OutboundResult.Ship(Carrier, Carrier, shipped.Reference) : OutboundResult.Failure(shipped.FailureReason ?? "refused");
    }
}
