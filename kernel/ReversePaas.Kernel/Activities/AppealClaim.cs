using ReversePaas.Kernel.AfterSales;
using ReversePaas.Kernel.Domain;
using ReversePaas.Kernel.Orders;

namespace ReversePaas.Kernel.Activities;

/// <summary>
/// An appealed after-sale claims again what its rejection released: the same units of the same lines, the same money
/// and freight. Whatever another after-sale claimed meanwhile is not taken back from it, so then the appeal is refused.
/// </summary>
internal static class AppealClaim
{
    /// <summary>Reserves the after-sale's refund in the ledger again, or throws <c>appeal-claim-taken</c>.</summary>
    public static void Reclaim(AfterSale sale, Order order, OrderClaims others, DateTimeOffset now)
    {
        foreach (var line in sale.Lines)
        {
            var ordered = order.Line(line.LineNo);
            if (others.Quantity(line.LineNo) + line.Quantity > ordered.Quantity || others.Amount(line.LineNo) + line.RefundAmount > ordered.PaidAmount)
            {
                throw Taken(sale, $"line {line.LineNo} (SKU '{line.SkuId}') has {ordered.Quantity - others.Quantity(line.LineNo)} of {ordered.Quantity} unit(s) left unclaimed");
            }
        }

        if (sale.FreightRefund > 0 && others.FreightClaimed)
        {
            throw Taken(sale, "the freight refund is claimed by another after-sale");
        }

        if (sale.RefundAmount > order.Ledger.Refundable)
        {
            throw Taken(sale, $"the order has {order.Ledger.Refundable:0.00} refundable, {sale.RefundAmount:0.00} needed");
        }

        order.Reserve(sale.RefundAmount, now);
    }

    private static DomainRuleException Taken(AfterSale sale, string what)
        => new(ReasonCodes.AppealClaimTaken, $"After-sale '{sale.AfterSaleId}' cannot be appealed: since its rejection, other after-sales of the order claimed what it applied for ({what}).");
}
