using ReversePaas.Sdk;
using ReversePaas.Sdk.Review;

namespace ReversePaas.Kernel.Defaults;

/// <summary>Kernel default for <c>review.router</c>: the platform's customer service reviews.</summary>
[Extension("kernel.review.customer-service", Description = "Customer service reviews every after-sale no rule settled.")]
public sealed class CustomerServiceReviewRouter : IReviewRouter
{
    /// <inheritdoc />
    public Reviewer Route(ReviewRoutingContext context) => Reviewer.CustomerService;
}
