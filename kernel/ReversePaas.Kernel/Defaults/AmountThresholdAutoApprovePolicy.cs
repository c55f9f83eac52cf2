using ReversePaas.Sdk;
using ReversePaas.Sdk.Review;

namespace ReversePaas.Kernel.Defaults;

/// <summary>
/// Kernel default for <c>review.auto-approve</c>: when the identity sets <see cref="MaxAmountSetting"/>, refunds
/// up to that amount skip review (configuration only, no plugin needed); otherwise everything is reviewed.
/// </summary>
[Extension("kernel.auto-approve.amount-threshold", Description = "Approves refunds up to the setting review.autoApproveMaxAmount; unset = always review.")]
public sealed class AmountThresholdAutoApprovePolicy : IAutoApprovePolicy
{
    /// <summary>Setting: the largest refund approved without review.</summary>
    public const string MaxAmountSetting = "review.autoApproveMaxAmount";

    /// <inheritdoc />
    public AutoApproveDecision Decide(AutoApproveContext context)
    {
        if (context.Type is not (AfterSaleType.RefundOnly or AfterSaleType.ReturnRefund)
            || !context.Settings.TryGetValue(MaxAmountSetting, out _))
        {
            return AutoApproveDecision.Review;
        }

        var max = context.Settings.GetDecimal(MaxAmountSetting, 0m);
        return context.RefundAmount <= max
            ? AutoApproveDecision.Approved($"Auto-approved: refund {context.RefundAmount:0.00} ≤ {max:0.00} ({MaxAmountSetting} of '{context.Identity}').")
            : AutoApproveDecision.Review;
    }
}
