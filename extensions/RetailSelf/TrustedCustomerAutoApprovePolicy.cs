using System.Globalization;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Review;

namespace ReversePaas.Extensions.RetailSelf;

/// <summary>
/// Self-operated retail trusts its good customers: a refund or return of at most
/// <see cref="MaxAmountSetting"/> (100.00 unless identity-mappings say otherwise) on an order whose attribute
/// <c>trusted</c> is <c>true</c> is approved without review. Everything else is reviewed.
/// </summary>
[Extension("retail-self.trusted-auto-approve", Identities = ["retail.self"], Description = "Approves small refunds of trusted customers (order attribute trusted=true) without review.")]
public sealed class TrustedCustomerAutoApprovePolicy : IAutoApprovePolicy
{
    /// <summary>Setting: the largest refund a trusted customer gets without review.</summary>
    public const string MaxAmountSetting = "review.trustedAutoApproveMaxAmount";

    /// <summary>Used when the identity does not set <see cref="MaxAmountSetting"/>.</summary>
    public const decimal DefaultMaxAmount = 100m;

    /// <inheritdoc />
    public AutoApproveDecision Decide(AutoApproveContext context)
    {
        if (context.Type is not (AfterSaleType.RefundOnly or AfterSaleType.ReturnRefund)
            || !context.Order.Attributes.TryGetValue("trusted", out var trusted)
            || !string.Equals(trusted, "true", StringComparison.OrdinalIgnoreCase))
        {
            return AutoApproveDecision.Review;
        }

        var max = context.Settings.GetDecimal(MaxAmountSetting, DefaultMaxAmount);
        return context.RefundAmount <= max
            ? AutoApproveDecision.Approved(string.Create(CultureInfo.InvariantCulture, $"Auto-approved: trusted customer, refund {context.RefundAmount:0.00} ≤ {max:0.00}."))
            : AutoApproveDecision.Review;
    }
}
