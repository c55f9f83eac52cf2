using ReversePaas.Kernel.AfterSales;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Orders;
using ReversePaas.Sdk.Review;

namespace ReversePaas.Kernel.Activities;

/// <summary>
/// What happens to a new after-sale awaiting review: approved by the identity's rule, or routed to whoever reviews it.
/// A step of its own, run by the application activity right after opening the after-sale, so that it does not reach into
/// the review activity.
/// </summary>
public static class ReviewTriage
{
    /// <summary>For a new after-sale awaiting review: approve it by rule, or decide who reviews it.</summary>
    public static void Run(AfterSale sale, OrderView view, IdentitySettings settings, ExtensionSnapshot snapshot, DateTimeOffset now)
    {
        if (sale.Status != AfterSaleStatus.PendingReview)
        {
            return;
        }

        var identity = BusinessIdentity.Parse(sale.BusinessIdentity);
        var autoApprove = snapshot.Single<IAutoApprovePolicy>(identity);
        var decision = autoApprove.Invoke(
            new AutoApproveContext { Identity = identity, Settings = settings, Order = view, Type = sale.Type, RefundAmount = sale.RefundAmount, Applicant = sale.Applicant, Fields = sale.PluginFields },
            static (p, c) => p.Decide(c));
        sale.RecordCapability(autoApprove.Resolution);
        if (decision.Approve)
        {
            sale.Fire(AfterSaleCommand.Approve, Actor.Kernel, decision.Note, now);
            return;
        }

        var router = snapshot.Single<IReviewRouter>(identity);
        var reviewer = router.Invoke(new ReviewRoutingContext(identity, sale.Type, sale.RefundAmount, settings) { Fields = sale.PluginFields }, static (r, c) => r.Route(c));
        sale.RecordCapability(router.Resolution);
        var timeoutHours = settings.GetInt32(ReviewTimeoutHours, 0);
        sale.RouteReview(reviewer, timeoutHours > 0 ? now.AddHours(timeoutHours) : null);
    }

    /// <summary>Setting: hours after which an unanswered review is approved automatically (unset or 0: never).</summary>
    public const string ReviewTimeoutHours = "review.timeoutHours";
}
