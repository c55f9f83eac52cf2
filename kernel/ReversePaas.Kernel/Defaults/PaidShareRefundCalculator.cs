using ReversePaas.Kernel.Domain;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Application;

namespace ReversePaas.Kernel.Defaults;

/// <summary>
/// Kernel default for <c>application.refund-calculator</c>: what was paid per unit × quantity, exact to the cent
/// (see <see cref="UnitsAmount"/>); a requested partial amount as asked; freight only when a cancellation or a
/// return claims every remaining unit of the order.
/// </summary>
[Extension("kernel.refund.paid-share", Description = "Paid per unit × quantity (cent-exact); freight only on full cancellation or full return.")]
public sealed class PaidShareRefundCalculator : IRefundCalculator
{
    /// <inheritdoc />
    public RefundQuote Calculate(RefundCalculationContext context)
    {
        var amounts = context.Lines.Select(l => l.RequestedAmount ?? UnitsAmount(l)).ToArray();
        var freight = context.Type is AfterSaleType.Cancel or AfterSaleType.ReturnRefund
            && context.ClaimsEveryRemainingUnit && !context.FreightAlreadyClaimed
                ? context.Order.Freight
                : 0m;
        return new RefundQuote(amounts, freight);
    }

    /// <summary>
    /// What <see cref="ClaimedLine.Quantity"/> units of a line paid, when <see cref="ClaimedLine.AlreadyClaimedQuantity"/>
    /// were claimed before: the units are priced as cent-floored cumulative shares F(n) = ⌊paid × n / quantity⌋, so
    /// claims of one unit after another add up exactly to what the line paid (F(quantity) is the whole). Never more
    /// than what is left of the line's money, whatever earlier claims took.
    /// </summary>
    public static decimal UnitsAmount(ClaimedLine claim)
    {
        var line = claim.Line;
        var from = claim.AlreadyClaimedQuantity;
        var to = Math.Min(from + claim.Quantity, line.Quantity);
        var paidCents = Money.ToCents(line.PaidAmount);
        long Cumulative(int units) => paidCents * units / line.Quantity;
        var share = Money.FromCents(Cumulative(to) - Cumulative(from));
        return Math.Max(0m, Math.Min(share, line.PaidAmount - claim.AlreadyClaimedAmount));
    }
}
