using ReversePaas.Kernel.Identity;
using ReversePaas.Plugins.Mappings;
using ReversePaas.Plugins.Tests.Support;

namespace ReversePaas.Plugins.Tests.Mappings;

public sealed class IdentityMappingLoaderTests
{
    private static OrderTraits Order(string vender, string type, string channel)
        => new(vender, type, channel, new Dictionary<string, string>());

    private static IReadOnlyList<IdentityMappingError> ErrorsOf(MappingsFolder folder)
        => FluentActions.Invoking(() => IdentityMappingLoader.Load(folder.Path)).Should().Throw<IdentityMappingException>().Which.Errors;

    [Theory]
    [InlineData("Pop", "Intent", "B2b", "bmall.intent")]
    [InlineData("Self", "Intent", "B2b", "bmall.intent")]
    [InlineData("Self", "Fresh", "O2o", "daojia.fresh")]
    [InlineData("Pop", "Fresh", "O2o", "daojia.fresh")]
    [InlineData("Pop", "Normal", "App", "retail.pop")]
    [InlineData("Self", "Normal", "Web", "retail.self")]
    [InlineData("Self", "Fresh", "App", "retail.self")]
    [InlineData("Franchise", "Normal", "App", "default")]
    public void The_shipped_rules_give_each_business_line_its_identity(string vender, string type, string channel, string expected)
    {
        var mappings = IdentityMappingLoader.Load(PluginFolders.RepositoryMappings);

        mappings.Rules.Resolve(Order(vender, type, channel)).Identity.Value.Should().Be(expected);
    }

    [Fact]
    public void The_shipped_files_load_with_sources_and_settings()
    {
        var mappings = IdentityMappingLoader.Load(PluginFolders.RepositoryMappings);

        mappings.Rules.Rules.Select(r => r.Identity.Value).Should().Equal("bmall.intent", "daojia.fresh", "retail.pop", "retail.self");
        mappings.Rules.Rules[2].Source.Should().Be("identities.json $.rules[2]");
        mappings.Problems.Should().BeEmpty();
        var pop = mappings.Bindings.Should().ContainSingle(b => b.Identity.Value == "retail.pop").Subject;
        pop.Source.Should().Be("bindings/retail.pop.json");
        pop.Settings["review.timeoutHours"].Should().Be("48");
    }

    [Fact]
    public void Bindings_read_single_and_chain_extensions_and_settings_as_invariant_text()
    {
        var folder = new MappingsFolder().Write("bindings/retail.self.json", """
            { "identity": "retail.self",
              "extensions": { "review.router": "kernel.review.customer-service", "application.interceptors": ["a.one", "b.two"] },
              "settings": { "hours": 48, "amount": 199.90, "big": 1e3, "flag": true, "off": false, "name": "sf" } }
            """);

        var binding = IdentityMappingLoader.Load(folder.Path).Bindings.Single(b => b.Identity.Value == "retail.self");

        binding.Extensions["review.router"].Should().Equal("kernel.review.customer-service");
        binding.Extensions["application.interceptors"].Should().Equal("a.one", "b.two");
        binding.Settings.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["hours"] = "48",
            ["amount"] = "199.90",
            ["big"] = "1000",
            ["flag"] = "true",
            ["off"] = "false",
            ["name"] = "sf",
        });
    }

    [Fact]
    public void Attribute_and_list_conditions_are_read()
    {
        var folder = new MappingsFolder().Write("identities.json", """
            { "rules": [ { "identity": "retail.self.trusted", "when": { "venderType": ["Self", "Pop"], "attributes": { "userLevel": ["gold", "plus"] } } } ],
              "fallback": "retail" }
            """);

        var rules = IdentityMappingLoader.Load(folder.Path).Rules;

        rules.Resolve(new OrderTraits("Pop", "Normal", "App", new Dictionary<string, string> { ["userLevel"] = "plus" })).Identity.Value.Should().Be("retail.self.trusted");
        rules.Resolve(Order("Pop", "Normal", "App")).Identity.Value.Should().Be("retail");
    }

    [Fact]
    public void Invalid_json_is_reported_with_its_line()
    {
        var errors = ErrorsOf(new MappingsFolder().Write("identities.json", "{\n  \"rules\": [\n    { \"identity\": \"retail\" oops }\n  ]\n}"));

        var error = errors.Should().ContainSingle().Subject;
        error.File.Should().Be("identities.json");
        error.Reason.Should().Contain("line 3");
    }

    [Fact]
    public void Schema_violations_are_reported_with_path_and_reason()
    {
        var errors = ErrorsOf(new MappingsFolder().Write("identities.json", """
            { "rules": [ { "identity": "retail.pop", "when": { "venderType": 7, "colour": "red" } }, { "when": {} } ] }
            """));

        errors.Should().Contain(e => e.File == "identities.json" && e.JsonPath.Contains("rules[0].when") && e.Reason.Contains("colour"));
        errors.Should().Contain(e => e.JsonPath.Contains("rules[0].when.venderType"));
        errors.Should().Contain(e => e.JsonPath.Contains("rules[1]") && e.Reason.Contains("required property 'identity'"));
    }

    [Fact]
    public void An_invalid_identity_is_reported_at_its_path()
    {
        var errors = ErrorsOf(new MappingsFolder().Write("identities.json", """{ "rules": [ { "identity": "Retail.Pop" } ] }"""));

        errors.Should().Contain(e => e.File == "identities.json" && e.JsonPath == "$.rules[0].identity");
    }

    [Fact]
    public void A_bindings_file_must_be_named_after_its_identity()
    {
        var errors = ErrorsOf(new MappingsFolder().Write("bindings/retail.self.json", """{ "identity": "retail.pop" }"""));

        var error = errors.Should().ContainSingle().Subject;
        error.File.Should().Be("bindings/retail.self.json");
        error.JsonPath.Should().Be("$.identity");
        error.Reason.Should().Contain("retail.pop.json");
    }

    [Fact]
    public void Missing_rules_or_schema_files_are_reported()
    {
        ErrorsOf(new MappingsFolder().Delete("identities.json")).Should().ContainSingle(e => e.File == "identities.json" && e.Reason.Contains("missing"));
        ErrorsOf(new MappingsFolder().Delete("binding.schema.json")).Should().ContainSingle(e => e.File == "binding.schema.json");
        FluentActions.Invoking(() => IdentityMappingLoader.Load("/no/such/folder")).Should().Throw<IdentityMappingException>().WithMessage("*does not exist*");
    }

    [Fact]
    public void Every_error_of_every_file_is_reported_at_once()
    {
        var folder = new MappingsFolder()
            .Write("identities.json", """{ "rules": [ { "identity": "retail..pop" } ] }""")
            .Write("bindings/retail.self.json", """{ "identity": "retail.self", "settings": { "x": [1] } }""")
            .Write("bindings/bmall.json", """{ "identity": "retail.pop" }""");

        var exception = FluentActions.Invoking(() => IdentityMappingLoader.Load(folder.Path)).Should().Throw<IdentityMappingException>().Which;

        exception.Errors.Select(e => e.File).Distinct().Should().BeEquivalentTo(["identities.json", "bindings/retail.self.json", "bindings/bmall.json"]);
        exception.Message.Should().Contain("bindings/bmall.json $.identity");
    }

    [Fact]
    public void A_rule_after_a_catch_all_surfaces_as_a_warning()
    {
        var folder = new MappingsFolder().Write("identities.json", """
            { "rules": [ { "identity": "retail" }, { "identity": "retail.pop", "when": { "venderType": "Pop" } } ] }
            """);

        IdentityMappingLoader.Load(folder.Path).Problems.Should().ContainSingle(p => p.Code == "identity-rule-unreachable");
    }

    [Fact]
    public void The_repository_folder_is_found_from_below()
    {
        IdentityMappingLoader.FindNearest(AppContext.BaseDirectory).Should().NotBeNull();
        IdentityMappingLoader.FindNearest(Path.GetTempPath()).Should().BeNull();
    }
}
