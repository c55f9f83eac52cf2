using ReversePaas.Kernel.Extensions;
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

    [Theory]
    [InlineData("Pop", "retail.pop")]
    [InlineData("FRANCHISE", "retail.pop")]
    [InlineData("Self", "retail")]
    public void A_list_valued_condition_accepts_any_of_its_values(string vender, string expected)
    {
        var rules = new IdentityRuleSet([Rule("retail.pop", new IdentityCondition(venderType: ["Pop", "Franchise"]))], BusinessIdentity.Parse("retail"));

        rules.Resolve(Order(vender, "Normal", "App")).Identity.Value.Should().Be(expected);
    }

    [Fact]
    public void Every_field_of_a_condition_must_hold()
    {
        var rules = new IdentityRuleSet(
            [Rule("daojia.fresh", new IdentityCondition(venderType: ["Self"], orderType: ["Fresh"], channel: ["O2o", "App"],
                attributes: new Dictionary<string, IReadOnlyList<string>> { ["city"] = ["bj"] }))],
            BusinessIdentity.Default);

        rules.Resolve(Order("Self", "Fresh", "App", ("city", "BJ"))).Identity.Value.Should().Be("daojia.fresh");
        rules.Resolve(Order("Pop", "Fresh", "App", ("city", "bj"))).Identity.IsDefault.Should().BeTrue();
        rules.Resolve(Order("Self", "Normal", "App", ("city", "bj"))).Identity.IsDefault.Should().BeTrue();
        rules.Resolve(Order("Self", "Fresh", "Web", ("city", "bj"))).Identity.IsDefault.Should().BeTrue();
        rules.Resolve(Order("Self", "Fresh", "App", ("city", "sh"))).Identity.IsDefault.Should().BeTrue();
    }

    [Fact]
    public void An_empty_rule_set_gives_every_order_the_default()
    {
        var match = IdentityRuleSet.Empty.Resolve(Order("Pop", "Normal", "App"));

        match.Identity.IsDefault.Should().BeTrue();
        match.Rule.Should().BeNull();
        IdentityRuleSet.Empty.ProducedIdentities.Should().Equal(BusinessIdentity.Default);
        IdentityRuleSet.Empty.Problems.Should().BeEmpty();
    }

    [Fact]
    public void Every_rule_after_a_catch_all_is_reported_naming_both_rules()
    {
        var rules = new IdentityRuleSet(
            [
                Rule("retail.pop", new IdentityCondition(venderType: ["Pop"])),
                Rule("retail", new IdentityCondition(venderType: null, orderType: [], channel: null)),
                Rule("bmall.intent", new IdentityCondition(orderType: ["Intent"])),
                Rule("daojia", new IdentityCondition()),
            ],
            BusinessIdentity.Default);

        rules.Problems.Select(p => p.Identity).Should().Equal("bmall.intent", "daojia");
        rules.Problems.Should().OnlyContain(p => p.Severity == ProblemSeverity.Warning && p.Code == "identity-rule-unreachable");
        rules.Problems[0].Message.Should().Contain("rule bmall.intent").And.Contain("rule retail");
        rules.Problems[0].Source.Should().Be("rule bmall.intent");
        rules.Resolve(Order("Self", "Intent", "B2b")).Identity.Value.Should().Be("retail");
        rules.Resolve(Order("Pop", "Intent", "B2b")).Identity.Value.Should().Be("retail.pop", "rules before the catch-all still win");
    }

    [Fact]
    public void A_catch_all_as_the_last_rule_is_fine()
    {
        var rules = new IdentityRuleSet([Rule("retail.pop", new IdentityCondition(venderType: ["Pop"])), Rule("retail", new IdentityCondition())], BusinessIdentity.Default);

        rules.Problems.Should().BeEmpty();
        rules.Resolve(Order("Self", "Normal", "App")).Rule!.Identity.Value.Should().Be("retail");
    }

    [Fact]
    public void A_configured_fallback_is_produced_once_however_many_rules_name_it()
    {
        var rules = new IdentityRuleSet(
            [Rule("retail.pop", new IdentityCondition(venderType: ["Pop"])), Rule("retail.pop", new IdentityCondition(channel: ["Mini"]))],
            BusinessIdentity.Parse("retail.self"));

        rules.Fallback.Value.Should().Be("retail.self");
        rules.ProducedIdentities.Select(i => i.Value).Should().Equal("retail.pop", "retail.self");
        rules.Resolve(Order("Self", "Normal", "App")).Identity.Value.Should().Be("retail.self");
        rules.Rules.Should().HaveCount(2);
    }
}
