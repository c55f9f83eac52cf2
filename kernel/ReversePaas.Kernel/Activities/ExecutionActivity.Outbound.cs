using ReversePaas.Kernel.AfterSales;
using ReversePaas.Kernel.Domain;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Orders;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Execution;
using ReversePaas.Sdk.Orders;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Kernel.Activities;

// The way out of an exchange or a repair (API.md v1.1): repair-finished, the outbound step that runs in the
// background after the receipt or the repair, and the customer's delivery (confirmed, or by the deadline).
public sealed partial class ExecutionActivity
{
    /// <summary>
    /// The service centre finished a repair: <see cref="RepairOutcome.Repaired"/> goods ship back next (a background
    /// step, see <see cref="SendOutboundAsync"/>); <see cref="RepairOutcome.Irreparable"/> units are refunded as a
    /// return of them would be.
    /// </summary>
    public Task<AfterSale> FinishRepairAsync(string afterSaleId, RepairOutcome outcome, string note, Actor actor, CancellationToken cancellationToken)
        => _work.RunAsync(afterSaleId, actor, async (sale, order) =>
        {
            var now = _time.GetUtcNow();
            if (outcome == RepairOutcome.Repaired)
            {
                sale.MarkRepaired(note, actor, now);
                return;
            }

            if (sale.Type != AfterSaleType.Repair || sale.Status != AfterSaleStatus.Repairing || sale.OutboundDue)
            {
                sale.MarkRepaired(note, actor, now); // throws, naming the status
            }

            var claims = await _store.ClaimsOfOrderAsync(order.OrderId, cancellationToken);
            var why = string.IsNullOrWhiteSpace(note) ? "Irreparable." : $"Irreparable: {note}.";
            RefundInstead.Apply(_extensions.Current, sale, order, claims, AfterSaleCommand.DeclareIrreparable, actor, why, now);
        }, cancellationToken);

    /// <summary>
    /// The customer received the replacement or repaired goods: confirmed by the applicant or by the system that
    /// delivered them.
    /// </summary>
    public Task<AfterSale> ConfirmDeliveryAsync(string afterSaleId, Actor actor, CancellationToken cancellationToken)
        => _work.RunAsync(afterSaleId, actor, (sale, _) =>
        {
            if (actor.Role != ActorRole.System && !sale.IsApplicant(actor))
            {
                throw new ForbiddenActionException($"Only the applicant ({sale.Applicant}) or the system that delivered the goods can confirm the delivery of after-sale '{sale.AfterSaleId}'.");
            }

            sale.Fire(AfterSaleCommand.ConfirmDelivery, actor, "Delivered to the customer.", _time.GetUtcNow());
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>
    /// Nobody confirmed the delivery within <see cref="ActivityOptions.DeliveryConfirmWithin"/> of the shipment: the
    /// after-sale completes by itself. One confirmed (or otherwise moved on) meanwhile is left alone.
    /// </summary>
    public async Task<DeadlineOutcome> CompleteUnconfirmedDeliveryAsync(string afterSaleId, CancellationToken cancellationToken)
    {
        var outcome = DeadlineOutcome.Done;
        await _work.RunAsync(afterSaleId, Actor.Kernel, (sale, _) =>
        {
            if (DeliveryConfirmDeadline(sale, _options) is not { } due)
            {
                return Task.CompletedTask;
            }

            var now = _time.GetUtcNow();
            if (due > now)
            {
                outcome = DeadlineOutcome.Later(due);
                return Task.CompletedTask;
            }

            sale.Fire(AfterSaleCommand.ConfirmDelivery, Actor.Kernel,
                $"Completed: no delivery confirmation by {due:yyyy-MM-dd HH:mm} UTC (Activities:DeliveryConfirmWithin).", now);
            return Task.CompletedTask;
        }, cancellationToken);
        return outcome;
    }

    /// <summary>When a shipped exchange or repair completes without a confirmation (null: it is not waiting for one).</summary>
    public static DateTimeOffset? DeliveryConfirmDeadline(AfterSale sale, ActivityOptions options)
    {
        if (sale.Status is not (AfterSaleStatus.ExchangeShipped or AfterSaleStatus.RepairShipped))
        {
            return null;
        }

        var shippedAt = sale.Timeline.LastOrDefault(e => e.Status == sale.Status.ToString())?.At ?? sale.UpdatedAt;
        return shippedAt + options.DeliveryConfirmWithin;
    }

    /// <summary>
    /// The outbound step (background): a repair ships back from the service centre <c>execution.repair-routing</c>
    /// chooses; an exchange ships its replacement. A refusal or an unreachable system is tried again later, the delay
    /// doubling from <see cref="ActivityOptions.UnavailableRetryDelay"/> up to <see cref="ActivityOptions.PickupRetryMaxDelay"/>.
    /// </summary>
    private async Task SendOutboundAsync(AfterSale sale, Order order, CancellationToken cancellationToken)
    {
        var identity = BusinessIdentity.Parse(sale.BusinessIdentity);
        var snapshot = _extensions.Current;
        var now = _time.GetUtcNow();
        var context = new OutboundContext
        {
            Identity = identity,
            Settings = snapshot.For(identity).Settings,
            Order = order.ToView(),
            AfterSaleId = sale.AfterSaleId,
            Lines = ReplacementLines(sale),
            Attempt = sale.OutboundAttempts + 1,
            Warehouse = _systems.Warehouse,
            Logistics = _systems.Logistics,
            Inventory = _systems.Inventory,
            Fields = sale.PluginFields,
        };
        OutboundResult result;
        try
        {
            if (sale.Type == AfterSaleType.Repair)
            {
                var routing = snapshot.Single<IRepairRouting>(identity);
                sale.RecordCapability(routing.Resolution);
                result = await routing.InvokeAsync(context, static (r, c, ct) => r.ShipBackAsync(c, ct), cancellationToken);
            }
            else
            {
                // Not reserved yet (the receipt came first, or the inventory could not be reached): reserve now.
                if (sale.Reservation == ReplacementReservation.Pending && !await ReserveReplacementAsync(sale, order, cancellationToken))
                {
                    return;
                }

                // Legacy rows (approved before reservations existed, Reservation null) count as reserved: they always shipped.
                var fulfilment = snapshot.Single<IExchangeFulfilment>(identity);
                sale.RecordCapability(fulfilment.Resolution);
                var fulfil = new OutboundContext
                {
                    Identity = context.Identity,
                    Settings = context.Settings,
                    Order = context.Order,
                    AfterSaleId = context.AfterSaleId,
                    Lines = context.Lines,
                    Attempt = context.Attempt,
                    Warehouse = context.Warehouse,
                    Logistics = context.Logistics,
                    Inventory = context.Inventory,
                    Fields = context.Fields,
                    ReplacementReserved = sale.Reservation is null or ReplacementReservation.Reserved,
                };
                result = await fulfilment.InvokeAsync(fulfil, static (f, c, ct) => f.FulfilAsync(c, ct), cancellationToken);
                if (result.Refund)
                {
                    var claims = await _store.ClaimsOfOrderAsync(order.OrderId, cancellationToken);
                    RefundInstead.Apply(snapshot, sale, order, claims, AfterSaleCommand.RefundReplacement, Actor.Kernel,
                        $"Goods received; {result.FailureReason}, so the exchange becomes a refund of the returned units.", _time.GetUtcNow());
                    return;
                }
            }
        }
        catch (PortUnavailableException ex)
        {
            RecordOutboundFailure(sale, $"Outbound shipment waits: {ex.Message}", now);
            return;
        }
        catch (ExtensionFailedException ex)
        {
            result = OutboundResult.Failure(ex.Message);
        }

        now = _time.GetUtcNow();
        if (!result.Shipped)
        {
            RecordOutboundFailure(sale, $"Outbound shipment refused: {result.FailureReason}", now);
            return;
        }

        var what = sale.Type == AfterSaleType.Repair ? "Repaired goods shipped back" : "Replacement shipped";
        sale.RecordOutboundShipped(result.Carrier, result.TrackingNo, $"{what} from {result.ShippedFrom}: {result.Carrier}, tracking {result.TrackingNo}.", now);
    }

    private void RecordOutboundFailure(AfterSale sale, string error, DateTimeOffset now)
    {
        var doubled = _options.UnavailableRetryDelay * Math.Pow(2, Math.Min(sale.OutboundAttempts, 20));
        sale.RecordOutboundAttemptFailed(error, now + (doubled < _options.PickupRetryMaxDelay ? doubled : _options.PickupRetryMaxDelay), now);
    }
}
