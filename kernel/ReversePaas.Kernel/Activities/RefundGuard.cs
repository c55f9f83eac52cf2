using ReversePaas.Kernel.AfterSales;
using ReversePaas.Kernel.Domain;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Orders;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Application;

namespace ReversePaas.Kernel.Activities;

/// <summary>
/// The kernel's money guard around whatever refund calculator ran: a requested partial amount never exceeds
/// what the matched units paid, and no figure is negative, has sub-cent digits, or exceeds what is left of its
/// line or of the freight. A calculator cannot talk the kernel into refunding money that was not paid.
/// </summary>
internal static class RefundGuard
{
    public static decimal[] Check(Order order, IReadOnlyList<ClaimedLine> claimed, RefundQuote quote, OrderClaims claims, Resolved<IRefundCalculator> calculator, AfterSaleType type)
    {
        if (quote.LineAmounts.Count != claimed.Count)
        {
            throw Broken(calculator, $"Refund calculator {calculator.Extension.DisplayName} priced {quote.LineAmounts.Count} lines for {claimed.Count} claimed.");
        }

        var amounts = new decimal[claimed.Count];
        for (var i = 0; i < claimed.Count; i++)
        {
            var claim = claimed[i];
            var paidForUnits = RefundMath.UnitsAmount(claim);
            if (claim.RequestedAmount is { } requested)
            {
                if (!Money.IsValidAmount(requested) || requested == 0)
                {
                    throw new DomainValidationException($"lines[{i}].refundAmount", "Must be an amount > 0 with at most 2 decimals.");
                }

                if (requested > paidForUnits)
                {
                    throw new DomainRuleException(ReasonCodes.RefundOverPaid,
                        $"Line {claim.Line.LineNo} (SKU '{claim.Line.SkuId}'): a refund of {requested:0.00} is more than the {paidForUnits:0.00} paid for the {claim.Quantity} unit(s) claimed.");
                }
            }

            var amount = quote.LineAmounts[i];
            var lineLeft = claim.Line.PaidAmount - claim.AlreadyClaimedAmount;
            if (amount < 0 || !Money.HasAtMostTwoDecimals(amount) || amount > lineLeft)
            {
                throw Broken(calculator,
                    $"Refund calculator {calculator.Extension.DisplayName} priced line {claim.Line.LineNo} at {amount}, outside 0..{lineLeft:0.00} (what is left of what the line paid).");
            }

            amounts[i] = AfterSaleTypes.MovesMoney(type) ? amount : 0m;
        }

        if (quote.Freight < 0 || quote.Freight > order.Freight || (quote.Freight > 0 && claims.FreightClaimed) || !Money.HasAtMostTwoDecimals(quote.Freight))
        {
            throw Broken(calculator, $"Refund calculator {calculator.Extension.DisplayName} refunded freight {quote.Freight}, which is not available.");
        }

        return amounts;
    }

    private static ExtensionFailedException Broken(Resolved<IRefundCalculator> calculator, string message)
        => new(calculator.Resolution, calculator.Extension, new InvalidOperationException(message));
}
