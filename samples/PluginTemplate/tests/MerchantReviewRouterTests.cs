using ReversePaas.Sdk;
using ReversePaas.Sdk.Review;

namespace ReversePaas.Extensions.Company.Line.Tests;

/// <summary>The extension as a plain class: one test per rule the router applies (add one for each rule you add).</summary>
public sealed class MerchantReviewRouterTests
{
    private static ReviewRoutingContext ReviewOf(AfterSaleType type, int refundAmount)
        => new(BusinessIdentity.Parse("acme.outlet"), type, refundAmount, IdentitySettings.Empty);

    [Theory]
    [InlineData(AfterSaleType.RefundOnly, 5)]
    [InlineData(AfterSaleType.ReturnRefund, 5000)]
    public void The_merchant_reviews_every_after_sale(AfterSaleType type, int refundAmount)
    {
        var reviewer = new MerchantReviewRouter().Route(ReviewOf(type, refundAmount));

        Assert.Equal(Reviewer.Merchant, reviewer);
    }
}
