using ReversePaas.Kernel.AfterSales;
using ReversePaas.Kernel.Orders;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Kernel.Activities;

// The replacement of an exchange (API.md v1.1): reserved in the inventory right after the approval (a background step,
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
            result = await _systems.Inventory.ReserveAsync(sale.AfterSaleId, order.OrderId, ReplacementLines(sale), cancellationToken);
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
    private async Task ReleaseReplacementAsync(AfterSale sale, CancellationToken cancellationToken)
    {
        PortResult result;
        try
        {
            result = await _systems.Inventory.ReleaseAsync(sale.AfterSaleId, sale.OrderId, ReplacementLines(sale), cancellationToken);
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
}
