using ReversePaas.Sdk;
using ReversePaas.Sdk.Application;

namespace ReversePaas.Extensions.DaojiaFresh;

/// <summary>
/// Fresh goods are sold by weight: a line that arrived light is refunded paid-per-gram × missing grams (the line
/// matched by sku + promotionType + price + weight). Other lines are priced as the kernel prices them; freight only
/// when every remaining unit is cancelled or returned.
/// </summary>
[Extension("daojia-fresh.weight-difference-refund", Identities = ["daojia.fresh"], Description = "Refunds weight differences: paid per gram × missing grams; other lines as the kernel does.")]
public sealed class WeightDifferenceRefundCalculator : IRefundCalculator
{
    /// <inheritdoc />
    public RefundQuote Calculate(RefundCalculationContext context)
    {
        var amounts = context.Lines.Select(Price).ToArray();
        var freight = context.Type is AfterSaleType.Cancel or AfterSaleType.ReturnRefund
            && context.ClaimsEveryRemainingUnit && !context.FreightAlreadyClaimed
                ? context.Order.Freight
                : 0m;
        return new RefundQuote(amounts, freight);
    }

    private static decimal Price(ClaimedLine claim)
    {
        if (claim.RequestedAmount is { } requested)
        {
            return requested;
        }

        if (claim.MissingWeightGrams is { } missing && claim.Line.WeightGrams is { } grams)
        {
            return Math.Min(RefundMath.PerGram(claim.Line.PaidAmount, grams, Math.Min(missing, grams)), RefundMath.UnitsAmount(claim));
        }

        return RefundMath.UnitsAmount(claim);
    }
}
