namespace ReversePaas.Sdk.Review;

/// <summary>
/// Decides who reviews an after-sale. Kernel default: <see cref="Reviewer.CustomerService"/>.
/// Third-party merchant lines typically route to <see cref="Reviewer.Merchant"/>.
/// </summary>
[ExtensionPoint(Code, Activity.Review, CombineMode.Single, Description = "Who reviews an after-sale: the merchant or customer service.")]
public interface IReviewRouter
{
    /// <summary>The code of this extension point.</summary>
    const string Code = "review.router";

    /// <summary>Returns who must review the after-sale described by <paramref name="context"/>.</summary>
    Reviewer Route(ReviewRoutingContext context);
}
