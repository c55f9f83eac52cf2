using ReversePaas.Kernel.AfterSales;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Orders;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Application;

namespace ReversePaas.Kernel.Activities;

/// <summary>
/// An exchange or a repair whose goods are refunded instead of sent out (replacement out of stock, irreparable): its
/// lines are priced as a return of the same units would be — the identity's refund calculator with type
/// <c>ReturnRefund</c>, under the kernel's money guard — the money is reserved in the order's ledger, and the refund
/// runs in the background like any other (<c>PendingRefund</c>).
/// </summary>
internal static class RefundInstead
{
    public static void Apply(ExtensionSnapshot snapshot, AfterSale sale, Order order, OrderClaims claims, AfterSaleCommand command, Actor actor, string why, DateTimeOffset now)
    {
        var identity = BusinessIdentity.Parse(order.BusinessIdentity);
        var view = order.ToView();
        // The after-sale's own units are among the order's claims (at 0.00): what others claimed is the rest.
        var claimed = sale.Lines.OrderBy(l => l.LineNo).Select(l => new ClaimedLine
        {
            Line = view.Lines.Single(v => v.LineNo == l.LineNo),
            Quantity = l.Quantity,
            RequestedAmount = null,
            AlreadyClaimedQuantity = claims.Quantity(l.LineNo) - l.Quantity,
            AlreadyClaimedAmount = claims.Amount(l.LineNo) - l.RefundAmount,
        }).ToList();
        var calculator = snapshot.Single<IRefundCalculator>(identity);
        var quote = calculator.Invoke(
            new RefundCalculationContext
            {
                Identity = identity,
                Settings = snapshot.For(identity).Settings,
                Order = view,
                Type = AfterSaleType.ReturnRefund,
                Lines = claimed,
                ClaimsEveryRemainingUnit = claims.ClaimsEverything(order, new Dictionary<int, int>()),
                FreightAlreadyClaimed = claims.FreightClaimed,
                Fields = sale.PluginFields,
            },
            static (c, ctx) => c.Calculate(ctx));
        var amounts = RefundGuard.Check(order, claimed, quote, claims, calculator, AfterSaleType.ReturnRefund);
        var byLine = claimed.Select((c, i) => (c.Line.LineNo, Amount: amounts[i])).ToDictionary(l => l.LineNo, l => l.Amount);
        var total = amounts.Sum() + quote.Freight;
        order.Reserve(total, now);
        sale.RecordCapability(calculator.Resolution);
        sale.RefundInstead(command, byLine, quote.Freight, actor, $"{why} Refund of the {sale.Lines.Sum(l => l.Quantity)} unit(s) instead: {total:0.00}.", now);
    }
}
