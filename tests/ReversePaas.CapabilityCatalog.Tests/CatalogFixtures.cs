using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Identity;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Review;

namespace ReversePaas.CapabilityCatalog.Tests;

/// <summary>Snapshots for catalog tests: the kernel's points, a rule for shop.pop, and optionally a plugin's router for it.</summary>
internal static class CatalogFixtures
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static CatalogDocument Catalog(bool withPlugin, long generation = 1)
    {
        var rules = new IdentityRuleSet([new IdentityRule(BusinessIdentity.Parse("shop.pop"), new IdentityCondition(venderType: ["Pop"]), "POP shops", "identities.json")], BusinessIdentity.Default);
        var builder = KernelExtensionPoints.CreateBuilder().UseMappings(new IdentityMappings(rules, []));
        if (withPlugin)
        {
            builder.AddExtension(new ExtensionOrigin("shop-pop", "2.0.0"), new ShopRouter());
        }

        return CatalogBuilder.Build(builder.Build(generation), [], rules, Now);
    }

    [Extension("shop-pop.router", Identities = ["shop.pop"], Description = "POP shops review their own after-sales.")]
    internal sealed class ShopRouter : IReviewRouter
    {
        public Reviewer Route(ReviewRoutingContext context) => Reviewer.Merchant;
    }
}
