using ReversePaas.Sdk;
using ReversePaas.Sdk.Review;

namespace ReversePaas.Extensions.RetailPop;

/// <summary>
/// POP merchants own their goods and their customer relationship, so they review their own after-sales
/// (an unanswered review is auto-approved after the identity's <c>review.timeoutHours</c>).
/// </summary>
[Extension("retail-pop.merchant-review", Identities = ["retail.pop"], Description = "The POP merchant reviews its own after-sales.")]
public sealed class MerchantReviewRouter : IReviewRouter
{
    /// <inheritdoc />
    public Reviewer Route(ReviewRoutingContext context) => Reviewer.Merchant;
}
