using ReversePaas.Kernel.AfterSales;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Orders;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Execution;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Kernel.Activities;

// The replacement of an exchange (API.md v1.1), through execution.exchange-fulfilment: reserved right after the approval (a background step,
// so a manual, an automatic and a timed approval all reserve, and an inventory outage fails no approval), given back
// when the exchange ends without it. Out of stock is detected here, at the reservation, and acted on at the receipt:
// the customer still sends the goods back, and the exchange becomes a refund of the returned units then.
public sealed partial class ExecutionActivity
{
    /// <summary>The goods an exchange sends (its replacements; the same SKUs for a repair).</summary>
    private static ReturnLine[] ReplacementLines(AfterSale sale)
        => [.. sale.Lines.Select(l => new ReturnLine(l.LineNo, l.ReplacementSkuId ?? l.SkuId, l.Quantity))];

    private static string Replacements(AfterSale sale)
        => string.Join(", ", sale.Lines.Select(l => $"'{l.ReplacementSkuId ?? l.SkuId}' × {l.Quantity}"));

    /// <summary>
    /// Reserves the replacement: true when the inventory answered (reserved, or out of stock, both recorded); false when
    /// it could not be reached (tried again later).
    /// </summary>
    private async Task<bool> ReserveReplacementAsync(AfterSale sale, Order order, CancellationToken cancellationToken)
    {
        PortResult result;
        try
        {
            result = await Fulfilment(sale).InvokeAsync(FulfilmentContext(sale, order.ToView()), static (f, c, ct) => f.ReserveAsync(c, ct), cancellationToken);
        }
        catch (ExtensionFailedException ex)
        {
            result = PortResult.Failure(ex.Message);
        }
        catch (PortUnavailableException ex)
        {
            var now = _time.GetUtcNow();
            sale.RecordBackgroundError($"Replacement reservation waits: {ex.Message}", now + _options.UnavailableRetryDelay, now);
            return false;
        }

        sale.RecordReservation(
            result.Succeeded ? ReplacementReservation.Reserved : ReplacementReservation.OutOfStock,
            result.Succeeded
                ? $"Replacement reserved ({Replacements(sale)}; {result.Reference})."
                : $"Replacement out of stock ({Replacements(sale)}): {result.FailureReason} The returned units will be refunded at the receipt.",
            _time.GetUtcNow());
        return true;
    }

    /// <summary>Gives the reservation of an exchange that ended without its replacement back (retried when unreachable).</summary>
    private async Task ReleaseReplacementAsync(AfterSale sale, Order order, CancellationToken cancellationToken)
    {
        PortResult result;
        try
        {
            result = await Fulfilment(sale).InvokeAsync(FulfilmentContext(sale, order.ToView()), static (f, c, ct) => f.ReleaseAsync(c, ct), cancellationToken);
        }
        catch (ExtensionFailedException ex)
        {
            result = PortResult.Failure(ex.Message);
        }
        catch (PortUnavailableException ex)
        {
            var now = _time.GetUtcNow();
            sale.RecordBackgroundError($"Replacement release waits: {ex.Message}", now + _options.UnavailableRetryDelay, now);
            return;
        }

        if (!result.Succeeded)
        {
            // Nothing is held any more as far as the inventory is concerned: note it rather than retry for ever.
            sale.RecordReservation(ReplacementReservation.Released, $"Replacement reservation not released: {result.FailureReason}", _time.GetUtcNow());
            return;
        }

        sale.RecordReservation(ReplacementReservation.Released, $"Replacement reservation released ({result.Reference}).", _time.GetUtcNow());
    }

    private Resolved<IExchangeFulfilment> Fulfilment(AfterSale sale)
    {
        var fulfilment = _extensions.Current.Single<IExchangeFulfilment>(BusinessIdentity.Parse(sale.BusinessIdentity));
        sale.RecordCapability(fulfilment.Resolution);
        return fulfilment;
    }

    private OutboundContext FulfilmentContext(AfterSale sale, Sdk.Orders.OrderView order)
    {
        var identity = BusinessIdentity.Parse(sale.BusinessIdentity);
        return new OutboundContext
        {
            Identity = identity,
            Settings = _extensions.Current.For(identity).Settings,
            Order = order,
            AfterSaleId = sale.AfterSaleId,
            Lines = ReplacementLines(sale),
            Warehouse = _systems.Warehouse,
            Logistics = _systems.Logistics,
            Inventory = _systems.Inventory,
            Fields = sale.PluginFields,
            ReplacementReserved = sale.Reservation == ReplacementReservation.Reserved,
        };
    }
}
