using ReversePaas.Kernel.Domain;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Application;

namespace ReversePaas.Kernel.Activities;

/// <summary>
/// Weight-difference claims are a business-line capability: the kernel's own calculator does not price them, so
/// they are refused unless the identity's refund calculator comes from a plugin; and they must name a
/// weight-priced line and no more grams than it weighs.
/// </summary>
internal static class WeightDifference
{
    public static void Check(IReadOnlyList<ClaimedLine> claimed, ExtensionResolution calculator, BusinessIdentity identity)
    {
        if (calculator.Source == ResolutionSource.KernelDefault)
        {
            throw new DomainRuleException(ReasonCodes.WeightDifferenceNotOffered,
                $"Business line '{identity}' does not refund weight differences (its refund calculator is the kernel default); apply for a refund with a refundAmount instead.");
        }

        foreach (var claim in claimed.Where(c => c.MissingWeightGrams is not null))
        {
            if (claim.Line.WeightGrams is not { } grams)
            {
                throw new DomainRuleException(ReasonCodes.WeightDifferenceNotOffered, $"Line {claim.Line.LineNo} (SKU '{claim.Line.SkuId}') is not sold by weight.");
            }

            if (claim.MissingWeightGrams > grams)
            {
                throw new DomainRuleException(ReasonCodes.WeightDifferenceOverWeight, $"Line {claim.Line.LineNo} weighs {grams} g; {claim.MissingWeightGrams} g cannot be missing.");
            }
        }
    }
}
