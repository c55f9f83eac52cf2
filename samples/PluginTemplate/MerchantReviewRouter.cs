using ReversePaas.Sdk;
using ReversePaas.Sdk.Review;

namespace ReversePaas.Extensions.Company.Line;

/// <summary>
/// Decides who reviews the after-sales of the acme.outlet business line: its merchants review their own
/// (the kernel default is customer service).
/// </summary>
// The template's starting point. What to adapt for a real business line:
// - Extension id: stable and unique across all plugins; identity-mappings bindings refer to it, so keep it
//   when the class is renamed.
// - Identities: the business identities this extension serves; a rule in identity-mappings/identities.json
//   must produce each of them (a parent identity also serves its children).
// - Description: shown to ops in the capability catalog (GET /api/v1/catalog/identities/{identity}).
// - Route: return Reviewer.CustomerService when the platform should review instead, e.g. above an amount
//   (context.RefundAmount) or for one kind of after-sale (context.Type); read tunable values from the
//   identity's settings (context.Settings) rather than hard-coding them.
// - One instance serves every request: keep the class stateless (thread-safe) with a public parameterless
//   constructor. Add other extension points (ReversePaas.Sdk.*) as further [Extension] classes.
[Extension("acme-outlet.review-router", Identities = ["acme.outlet"], Description = "The merchant reviews its own after-sales.")]
public sealed class MerchantReviewRouter : IReviewRouter
{
    /// <inheritdoc />
    public Reviewer Route(ReviewRoutingContext context) => Reviewer.Merchant;
}
