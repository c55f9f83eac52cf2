using ReversePaas.Kernel.Identity;
using ReversePaas.Plugins.Mappings;
using ReversePaas.Sdk;

namespace ReversePaas.Plugins.Tests.Mappings;

/// <summary>What the files may say and what the kernel receives for it.</summary>
public sealed class MappingFormatTests : IDisposable
{
    private readonly MappingsFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static OrderTraits Order(string vender, string type = "Normal", string channel = "App", params (string Key, string Value)[] attributes)
        => new(vender, type, channel, attributes.ToDictionary(a => a.Key, a => a.Value));

    [Fact]
    public void Attribute_conditions_require_every_listed_key_with_one_of_its_values()
    {
        _folder.Write("identities.json", """
            { "rules": [
                { "identity": "retail.self.trusted", "description": "trusted self-operated buyers",
                  "when": { "venderType": ["Self", "Pop"], "attributes": { "userLevel": ["gold", "plus"], "region": "north" } } } ],
              "fallback": "retail" }
            """);

        var rules = IdentityMappingLoader.Load(_folder.Path).Rules;

        rules.Resolve(Order("Pop", attributes: [("userLevel", "PLUS"), ("region", "north")])).Identity.Value.Should().Be("retail.self.trusted");
        rules.Resolve(Order("Self", attributes: [("userLevel", "silver"), ("region", "north")])).Identity.Value.Should().Be("retail");
        rules.Resolve(Order("Self", attributes: [("userLevel", "gold")])).Identity.Value.Should().Be("retail");
        rules.Fallback.Value.Should().Be("retail");
    }

    [Fact]
    public void The_condition_fields_are_read_as_given()
    {
        _folder.Write("identities.json", """
            { "rules": [ { "identity": "daojia.fresh", "description": "d",
                           "when": { "venderType": "Self", "orderType": ["Fresh", "Chilled"], "channel": "O2o", "attributes": { "store": "s-1" } } } ] }
            """);

        var when = IdentityMappingLoader.Load(_folder.Path).Rules.Rules.Should().ContainSingle().Which.When;

        when.VenderType.Should().Equal("Self");
        when.OrderType.Should().Equal("Fresh", "Chilled");
        when.Channel.Should().Equal("O2o");
        when.Attributes.Should().ContainSingle().Which.Should().BeEquivalentTo(new KeyValuePair<string, string[]>("store", ["s-1"]));
    }

    [Theory]
    [InlineData("""{ "identity": "retail", "description": "everything", "when": {} }""")]
    [InlineData("""{ "identity": "retail", "description": "everything" }""")]
    public void An_empty_or_absent_when_matches_every_order(string rule)
    {
        _folder.Write("identities.json", $$"""{ "rules": [ {{rule}} ] }""");

        var rules = IdentityMappingLoader.Load(_folder.Path).Rules;

        rules.Rules.Single().When.MatchesEverything.Should().BeTrue();
        rules.Resolve(Order("Anything", "At", "All")).Identity.Value.Should().Be("retail");
    }

    [Fact]
    public void Empty_rules_send_every_order_to_the_fallback()
    {
        _folder.Write("identities.json", """{ "rules": [], "fallback": "retail.self" }""");

        IdentityMappingLoader.Load(_folder.Path).Rules.Resolve(Order("Pop")).Identity.Value.Should().Be("retail.self");
    }

    [Fact]
    public void Settings_become_invariant_text_exactly_as_written()
    {
        _folder.Write("bindings/retail.pop.json", """
            { "identity": "retail.pop",
              "settings": { "hours": 48, "ratio": 0.5, "amount": 199.90, "negative": -3, "big": 1e3,
                            "flag": true, "off": false, "name": "sf", "date": "2026-11-22", "empty": "" } }
            """);

        var settings = IdentityMappingLoader.Load(_folder.Path).Bindings.Single(b => b.Identity.Value == "retail.pop").Settings;

        settings.Should().Equal(new Dictionary<string, string>
        {
            ["hours"] = "48",
            ["ratio"] = "0.5",
            ["amount"] = "199.90",
            ["negative"] = "-3",
            ["big"] = "1000",
            ["flag"] = "true",
            ["off"] = "false",
            ["name"] = "sf",
            ["date"] = "2026-11-22",
            ["empty"] = "",
        });
        var typed = new IdentitySettings(settings);
        typed.GetInt32("hours", 0).Should().Be(48);
        typed.GetDecimal("amount", 0m).Should().Be(199.90m);
        typed.GetInt32("big", 0).Should().Be(1000);
        typed.GetBoolean("flag", false).Should().BeTrue();
    }

    [Fact]
    public void Extensions_are_one_id_or_an_exact_chain_order()
    {
        _folder.Write("bindings/retail.self.json", """
            { "identity": "retail.self",
              "extensions": { "review.router": "kernel.review.customer-service",
                              "application.interceptors": ["b.second", "a.first", "c.third"],
                              "interception.steps": [] } }
            """);

        var binding = IdentityMappingLoader.Load(_folder.Path).Bindings.Single(b => b.Identity.Value == "retail.self");

        binding.Source.Should().Be("bindings/retail.self.json");
        binding.Extensions["review.router"].Should().Equal("kernel.review.customer-service");
        binding.Extensions["application.interceptors"].Should().Equal("b.second", "a.first", "c.third");
        binding.Extensions["interception.steps"].Should().BeEmpty();
        binding.Settings.Should().BeEmpty();
    }

    [Fact]
    public void The_default_identity_can_be_bound_in_default_json()
    {
        _folder.Write("bindings/default.json", """{ "identity": "default", "settings": { "review.timeoutHours": 72 } }""");

        var binding = IdentityMappingLoader.Load(_folder.Path).Bindings.Single(b => b.Source == "bindings/default.json");

        binding.Identity.Should().Be(BusinessIdentity.Default);
        binding.Settings["review.timeoutHours"].Should().Be("72");
    }

    [Fact]
    public void Without_a_bindings_folder_there_are_no_bindings()
    {
        _folder.Delete("bindings");

        var mappings = IdentityMappingLoader.Load(_folder.Path);

        mappings.Bindings.Should().BeEmpty();
        mappings.Rules.Rules.Should().HaveCount(4);
    }

    [Fact]
    public void Files_other_than_json_in_the_bindings_folder_are_not_bindings()
    {
        _folder.Write("bindings/README.md", "# notes for ops");

        IdentityMappingLoader.Load(_folder.Path).Bindings.Select(b => b.Source).Should().NotContain(s => s.EndsWith(".md", StringComparison.Ordinal))
            .And.Contain("bindings/retail.pop.json");
    }

    [Fact]
    public void A_rule_after_a_catch_all_is_reported_as_unreachable()
    {
        _folder.Write("identities.json", """
            { "rules": [ { "identity": "retail", "description": "everything" },
                         { "identity": "retail.pop", "description": "never reached", "when": { "venderType": "Pop" } } ] }
            """);

        var problem = IdentityMappingLoader.Load(_folder.Path).Problems.Should().ContainSingle().Which;

        problem.Code.Should().Be("identity-rule-unreachable");
        problem.Identity.Should().Be("retail.pop");
        problem.Source.Should().Be("identities.json $.rules[1]");
        problem.Message.Should().Contain("identities.json $.rules[0]");
    }
}
