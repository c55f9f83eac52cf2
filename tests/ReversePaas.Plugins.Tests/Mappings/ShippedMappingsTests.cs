using ReversePaas.Kernel.Identity;
using ReversePaas.Plugins.Mappings;
using ReversePaas.Sdk;

namespace ReversePaas.Plugins.Tests.Mappings;

/// <summary>The repository's identity-mappings folder, as shipped, routes every business line.</summary>
public sealed class ShippedMappingsTests
{
    private static readonly IdentityMappings Shipped = IdentityMappingLoader.Load(MappingsFolder.RepositoryMappings);

    private static OrderTraits Order(string vender, string type, string channel)
        => new(vender, type, channel, new Dictionary<string, string>());

    [Theory]
    [InlineData("Pop", "Intent", "B2b", "bmall.intent")]
    [InlineData("Self", "Intent", "Web", "bmall.intent")]
    [InlineData("Self", "Fresh", "O2o", "daojia.fresh")]
    [InlineData("Pop", "Fresh", "O2o", "daojia.fresh")]
    [InlineData("Self", "Fresh", "App", "retail.self")]
    [InlineData("Pop", "Normal", "App", "retail.pop")]
    [InlineData("Self", "Normal", "App", "retail.self")]
    [InlineData("pop", "normal", "web", "retail.pop")]
    [InlineData("Franchise", "Normal", "App", "default")]
    public void Each_business_line_gets_its_identity(string vender, string type, string channel, string expected)
    {
        Shipped.Rules.Resolve(Order(vender, type, channel)).Identity.Value.Should().Be(expected);
    }

    [Fact]
    public void An_order_no_rule_matches_falls_back_to_the_default_without_a_rule()
    {
        var match = Shipped.Rules.Resolve(Order("Franchise", "Normal", "App"));

        match.Identity.Should().Be(BusinessIdentity.Default);
        match.Rule.Should().BeNull();
    }

    [Fact]
    public void The_rules_are_ordered_documented_and_traceable_to_the_file()
    {
        Shipped.Rules.Rules.Select(r => r.Identity.Value).Should().Equal("bmall.intent", "daojia.fresh", "retail.pop", "retail.self");
        Shipped.Rules.Rules.Select(r => r.Source).Should().Equal(
            "identities.json $.rules[0]", "identities.json $.rules[1]", "identities.json $.rules[2]", "identities.json $.rules[3]");
        Shipped.Rules.Rules.Should().OnlyContain(r => r.Description.Length > 40);
        Shipped.Rules.Fallback.Should().Be(BusinessIdentity.Default);
        Shipped.Problems.Should().BeEmpty();
    }

    [Fact]
    public void The_pop_binding_carries_the_review_timeout_and_leaves_the_router_to_the_plugin()
    {
        var pop = Shipped.Bindings.Should().ContainSingle(b => b.Identity.Value == "retail.pop").Which;

        pop.Identity.Value.Should().Be("retail.pop");
        pop.Source.Should().Be("bindings/retail.pop.json");
        pop.Extensions.Should().BeEmpty();
        pop.Settings.Should().Equal(new Dictionary<string, string> { ["review.timeoutHours"] = "48" });
        new IdentitySettings(pop.Settings).GetInt32("review.timeoutHours", 0).Should().Be(48);
    }

    [Fact]
    public void The_build_copy_beside_the_tests_is_found_from_below_and_loads_the_same_rules()
    {
        var found = IdentityMappingLoader.FindNearest(AppContext.BaseDirectory);

        found.Should().NotBeNull();
        IdentityMappingLoader.Load(found!).Rules.Rules.Select(r => r.Identity).Should().Equal(Shipped.Rules.Rules.Select(r => r.Identity));
    }

    [Fact]
    public void No_folder_is_found_where_there_is_none()
    {
        using var empty = new MappingsFolder(copyRepository: false);

        IdentityMappingLoader.FindNearest(empty.Path).Should().BeNull();
    }
}
