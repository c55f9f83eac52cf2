using ReversePaas.Sdk;
using ReversePaas.Sdk.Review;

namespace ReversePaas.Benchmarks;

// Benchmark-local extensions, written exactly as a plugin would write them (Sdk types and [Extension]
// attributes only), so the snapshot the benchmarks dispatch through is built by the real registration path.

/// <summary>A chain point local to the benchmarks: the kernel has no chain point of its own yet.</summary>
[ExtensionPoint("bench.chain", Activity.Application, CombineMode.Chain, Description = "Benchmark-only chain.")]
public interface IBenchChain
{
    int Weigh(int score);
}

/// <summary>
/// The router instances, shared by every dispatch mechanism under test so that all of them hand out the
/// same objects and the hand-written switch can name them as static fields, as real hand-written code would.
/// </summary>
internal static class Routers
{
    public static readonly IReviewRouter CustomerService = new BenchCustomerServiceRouter();
    public static readonly IReviewRouter RetailPop = new RetailPopRouter();
    public static readonly IReviewRouter Daojia = new DaojiaRouter();
    public static readonly IReviewRouter BmallIntent = new BmallIntentRouter();
    public static readonly IReviewRouter HealthRx = new HealthRxRouter();
}

/// <summary>Stands in for the kernel default (same behaviour as CustomerServiceReviewRouter).</summary>
[Extension("bench.review.customer-service")]
internal sealed class BenchCustomerServiceRouter : IReviewRouter
{
    public Reviewer Route(ReviewRoutingContext context) => Reviewer.CustomerService;
}

[Extension("bench.retail-pop.review-router", Identities = ["retail.pop"])]
internal sealed class RetailPopRouter : IReviewRouter
{
    public Reviewer Route(ReviewRoutingContext context) => Reviewer.Merchant;
}

// Declared on the parent line: daojia.fresh and daojia.flower inherit it.
[Extension("bench.daojia.review-router", Identities = ["daojia"])]
internal sealed class DaojiaRouter : IReviewRouter
{
    public Reviewer Route(ReviewRoutingContext context) => Reviewer.Merchant;
}

[Extension("bench.bmall-intent.review-router", Identities = ["bmall.intent"])]
internal sealed class BmallIntentRouter : IReviewRouter
{
    public Reviewer Route(ReviewRoutingContext context) => Reviewer.CustomerService;
}

[Extension("bench.health-rx.review-router", Identities = ["health.rx"])]
internal sealed class HealthRxRouter : IReviewRouter
{
    public Reviewer Route(ReviewRoutingContext context) => Reviewer.CustomerService;
}

/// <summary>The kernel's own chain member, run last.</summary>
[Extension("bench.chain.kernel")]
internal sealed class KernelChainMember : IBenchChain
{
    public int Weigh(int score) => score;
}

// Declared on the parent: retail.pop inherits it as a chain member.
[Extension("bench.chain.retail", Identities = ["retail"])]
internal sealed class RetailChainMember : IBenchChain
{
    public int Weigh(int score) => score + 1;
}

[Extension("bench.chain.retail-pop-audit", Identities = ["retail.pop"], Priority = 10)]
internal sealed class RetailPopAuditChainMember : IBenchChain
{
    public int Weigh(int score) => score * 2;
}
