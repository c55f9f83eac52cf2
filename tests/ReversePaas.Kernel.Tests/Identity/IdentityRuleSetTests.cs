using ReversePaas.Kernel.Identity;
using ReversePaas.Sdk;

namespace ReversePaas.Kernel.Tests.Identity;

public sealed class IdentityRuleSetTests
{
    private static OrderTraits Order(string vender, string type, string channel, params (string Key, string Value)[] attributes)
        => new(vender, type, channel, attributes.ToDictionary(a => a.Key, a => a.Value));

    private static IdentityRule Rule(string identity, IdentityCondition when) => new(BusinessIdentity.Parse(identity), when, "", $"rule {identity}");

    private static readonly IdentityRuleSet FourLines = new(
        [
            Rule("bmall.intent", new IdentityCondition(orderType: ["Intent"])),
            Rule("daojia.fresh", new IdentityCondition(orderType: ["Fresh"], channel: ["O2o"])),
            Rule("retail.pop", new IdentityCondition(venderType: ["Pop"])),
            Rule("retail.self", new IdentityCondition(venderType: ["Self"])),
        ],
        BusinessIdentity.Default);

    [Theory]
    [InlineData("Pop", "Intent", "B2b", "bmall.intent")]
    [InlineData("Self", "Fresh", "O2o", "daojia.fresh")]
    [InlineData("Self", "Fresh", "App", "retail.self")]
    [InlineData("Pop", "Normal", "Web", "retail.pop")]
    [InlineData("self", "normal", "app", "retail.self")]
    [InlineData("Franchise", "Normal", "App", "default")]
    public void The_first_matching_rule_wins_and_the_fallback_catches_the_rest(string vender, string type, string channel, string expected)
    {
        FourLines.Resolve(Order(vender, type, channel)).Identity.Value.Should().Be(expected);
    }

    [Fact]
    public void The_match_names_the_rule_that_decided_or_none_for_the_fallback()
    {
        FourLines.Resolve(Order("Pop", "Normal", "App")).Rule!.Source.Should().Be("rule retail.pop");
        FourLines.Resolve(Order("Other", "Normal", "App")).Rule.Should().BeNull();
    }

    [Fact]
    public void Attribute_conditions_need_the_key_with_one_of_the_listed_values()
    {
        var rules = new IdentityRuleSet(
            [Rule("retail.self.trusted", new IdentityCondition(venderType: ["Self"], attributes: new Dictionary<string, IReadOnlyList<string>> { ["userLevel"] = ["gold", "plus"] }))],
            BusinessIdentity.Parse("retail"));

        rules.Resolve(Order("Self", "Normal", "App", ("userLevel", "PLUS"))).Identity.Value.Should().Be("retail.self.trusted");
        rules.Resolve(Order("Self", "Normal", "App", ("userLevel", "basic"))).Identity.Value.Should().Be("retail");
        rules.Resolve(Order("Self", "Normal", "App")).Identity.Value.Should().Be("retail");
    }

    [Fact]
    public void A_rule_after_a_catch_all_is_reported_as_unreachable()
    {
        var rules = new IdentityRuleSet([Rule("retail", new IdentityCondition()), Rule("retail.pop", new IdentityCondition(venderType: ["Pop"]))], BusinessIdentity.Default);

        var problem = rules.Problems.Should().ContainSingle().Subject;
        problem.Code.Should().Be("identity-rule-unreachable");
        problem.Identity.Should().Be("retail.pop");
        rules.Resolve(Order("Pop", "Normal", "App")).Identity.Value.Should().Be("retail");
        FourLines.Problems.Should().BeEmpty();
    }

    [Fact]
    public void Produced_identities_are_the_rules_and_the_fallback()
    {
        FourLines.ProducedIdentities.Select(i => i.Value).Should().BeEquivalentTo(["bmall.intent", "daojia.fresh", "retail.pop", "retail.self", "default"]);
    }
}
