using ReversePaas.Sdk;
using ReversePaas.Sdk.Application;

namespace ReversePaas.Kernel.Defaults;

/// <summary>
/// Kernel default for <c>application.refund-calculator</c>: what was paid per unit × quantity, exact to the cent
/// (see <see cref="RefundMath.UnitsAmount"/>); a requested partial amount as asked; freight only when a cancellation or a
/// return claims every remaining unit of the order.
/// </summary>
[Extension("kernel.refund.paid-share", Description = "Paid per unit × quantity (cent-exact); freight only on full cancellation or full return.")]
public sealed class PaidShareRefundCalculator : IRefundCalculator
{
    /// <inheritdoc />
    public RefundQuote Calculate(RefundCalculationContext context)
    {
        var amounts = context.Lines.Select(l => l.RequestedAmount ?? RefundMath.UnitsAmount(l)).ToArray();
        var freight = context.Type is AfterSaleType.Cancel or AfterSaleType.ReturnRefund
            && context.ClaimsEveryRemainingUnit && !context.FreightAlreadyClaimed
                ? context.Order.Freight
                : 0m;
        return new RefundQuote(amounts, freight);
    }
}
