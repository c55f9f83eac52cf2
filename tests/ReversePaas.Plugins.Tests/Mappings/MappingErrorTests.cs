using ReversePaas.Plugins.Mappings;
using ReversePaas.Sdk;

namespace ReversePaas.Plugins.Tests.Mappings;

/// <summary>A bad file stops start-up with the file, the JSON path and a reason someone can act on.</summary>
public sealed class MappingErrorTests : IDisposable
{
    private readonly MappingsFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private IdentityMappingException Failure()
        => FluentActions.Invoking(() => IdentityMappingLoader.Load(_folder.Path)).Should().Throw<IdentityMappingException>().Which;

    private IReadOnlyList<IdentityMappingError> Errors() => Failure().Errors;

    [Fact]
    public void Invalid_json_is_reported_with_line_and_position()
    {
        _folder.Write("identities.json", "{\n  \"rules\": [\n    { \"identity\": \"retail\" oops }\n  ]\n}");

        var error = Errors().Should().ContainSingle().Which;

        error.File.Should().Be("identities.json");
        error.JsonPath.Should().Be("$.rules[0].identity");
        error.Reason.Should().StartWith("Not valid JSON: ").And.EndWith("(line 3, position 27)");
    }

    [Fact]
    public void Comments_are_refused_with_a_hint_at_their_position()
    {
        _folder.Write("identities.json", "{\n  // 中文注释\n  \"rules\": []\n}");

        var error = Errors().Should().ContainSingle().Which;

        error.Reason.Should().Be("Not valid JSON: JSON has no comments; explain things in a \"description\" instead (line 2, position 3)");
    }

    [Fact]
    public void Trailing_commas_are_refused()
    {
        _folder.Write("bindings/retail.pop.json", "{ \"identity\": \"retail.pop\",\n  \"settings\": { \"a\": 1, }\n}");

        var error = Errors().Should().ContainSingle().Which;

        error.File.Should().Be("bindings/retail.pop.json");
        error.Reason.Should().StartWith("Not valid JSON: a comma after the last item is not allowed in JSON (line 2");
    }

    // What Json.NET accepts but the strict scan refuses, each at the line where it stands.
    [Theory]
    [InlineData("{ \"identity\": \"retail.pop\",\n  'settings': {}\n}")]
    [InlineData("{ \"identity\": \"retail.pop\",\n  settings: {}\n}")]
    [InlineData("{ \"identity\": \"retail.pop\",\n  \"settings\": { \"a\": NaN }\n}")]
    [InlineData("{ \"identity\": \"retail.pop\" }\n{ \"identity\": \"retail.pop\" }")]
    public void What_only_json_net_would_accept_is_refused(string text)
    {
        _folder.Write("bindings/retail.pop.json", text);

        var error = Errors().Should().ContainSingle().Which;

        error.File.Should().Be("bindings/retail.pop.json");
        error.Reason.Should().StartWith("Not valid JSON: ").And.Contain("(line 2, position ");
    }

    [Fact]
    public void A_repeated_key_is_refused_rather_than_silently_replacing_the_first()
    {
        _folder.Write("identities.json", """
            { "rules": [ { "identity": "retail.pop", "description": "d",
                           "when": { "venderType": "Pop",
                                     "venderType": "Self" } } ] }
            """);

        var error = Errors().Should().ContainSingle().Which;

        error.Reason.Should().Contain("venderType").And.Contain("line 3");
    }

    [Fact]
    public void An_empty_file_is_reported()
    {
        _folder.Write("bindings/retail.pop.json", "  \n");

        Errors().Should().ContainSingle().Which.Should().Be(new IdentityMappingError("bindings/retail.pop.json", "$", "The file is empty; it must hold a JSON object."));
    }

    [Fact]
    public void Every_schema_violation_is_reported_with_its_path_and_reason()
    {
        _folder.Write("identities.json", """
            {
              "rules": [
                { "identity": "retail.pop", "description": "d", "when": { "venderType": 7, "colour": "red" } },
                { "description": "no identity" },
                { "identity": "retail.self", "description": "d", "when": { "channel": [], "orderType": ["Normal", 7] } }
              ]
            }
            """);

        Errors().Select(e => e.ToString()).Should().Equal(
            "identities.json $.rules[0].when.venderType: Must be a string or a list of strings, not a number (line 3)",
            "identities.json $.rules[0].when.colour: Unknown property 'colour'; allowed here: venderType, orderType, channel, attributes (line 3)",
            "identities.json $.rules[1]: Required property 'identity' is missing (line 4)",
            "identities.json $.rules[2].when.channel: Must list at least 1 value(s) (line 5)",
            "identities.json $.rules[2].when.orderType[1]: Must be a string, not a number (line 5)");
    }

    [Fact]
    public void Setting_values_and_keys_with_dots_get_exact_paths()
    {
        _folder.Write("bindings/retail.pop.json", """
            { "identity": "retail.pop",
              "settings": { "review.timeoutHours": [48], "bad key": 1 },
              "extensions": { "review.router": ["Retail_Pop"] } }
            """);

        Errors().Select(e => (e.JsonPath, e.Reason)).Should().BeEquivalentTo(new[]
        {
            ("$.settings['review.timeoutHours']", "Must be a string, a number or true/false, not a list (line 2)"),
            ("$.settings['bad key']", "'bad key' is not a valid key here: keys must match ^[a-zA-Z][a-zA-Z0-9]*([.-][a-zA-Z0-9]+)*$ (line 2)"),
            ("$.extensions['review.router'][0]", "'Retail_Pop' does not match the pattern ^[a-z][a-z0-9]*([.-][a-z0-9]+)*$ (line 3)"),
        });
    }

    [Theory]
    [InlineData("Retail.Pop")]
    [InlineData("retail..pop")]
    [InlineData("retail.")]
    [InlineData("a.b.c.d.e.f.g.h.i")]
    public void Invalid_identity_text_is_reported_once_in_the_words_of_BusinessIdentity(string identity)
    {
        _folder.Write("identities.json", $$"""{ "rules": [ { "identity": "{{identity}}", "description": "d" } ] }""");
        BusinessIdentity.TryParse(identity, out _, out var expected).Should().BeFalse();

        var error = Errors().Should().ContainSingle().Which;

        error.JsonPath.Should().Be("$.rules[0].identity");
        error.Reason.Should().Be($"{expected} (line 1)");
    }

    [Fact]
    public void The_fallback_and_a_bindings_identity_are_checked_too()
    {
        _folder.Write("identities.json", """{ "rules": [], "fallback": "Default" }""")
            .Write("bindings/retail.pop.json", """{ "identity": "retail pop" }""");

        Errors().Select(e => (e.File, e.JsonPath)).Should().Equal(("identities.json", "$.fallback"), ("bindings/retail.pop.json", "$.identity"));
    }

    [Fact]
    public void A_bindings_file_must_be_named_after_its_identity()
    {
        _folder.Write("bindings/retail.self.json", """{ "identity": "retail.pop" }""");

        var errors = Errors();

        errors.Should().Contain(new IdentityMappingError("bindings/retail.self.json", "$.identity",
            "The file binds 'retail.pop' but is named 'retail.self.json'; rename it to 'retail.pop.json' (one file per identity, named after it) (line 1)"));
    }

    [Fact]
    public void Two_bindings_files_for_one_identity_are_refused()
    {
        // Both names are legal on a case-sensitive file system and both claim retail.pop.
        _folder.Write("bindings/retail.pop.JSON", """{ "identity": "retail.pop", "settings": { "review.timeoutHours": 24 } }""");

        var error = Errors().Should().ContainSingle().Which;

        error.File.Should().Be("bindings/retail.pop.json");
        error.JsonPath.Should().Be("$.identity");
        error.Reason.Should().Contain("already bound by bindings/retail.pop.JSON");
    }

    [Fact]
    public void A_copied_bindings_file_is_both_misnamed_and_a_duplicate()
    {
        _folder.Write("bindings/retail.pop.copy.json", """{ "identity": "retail.pop" }""");

        Errors().Select(e => e.Reason).Should().SatisfyRespectively(
            first => first.Should().Contain("rename it to 'retail.pop.json'"),
            second => second.Should().Contain("already bound by bindings/retail.pop.copy.json"));
    }

    [Fact]
    public void Files_in_subfolders_of_bindings_are_reported_not_ignored()
    {
        _folder.Write("bindings/retail/pop.json", """{ "identity": "retail.pop" }""");

        Errors().Should().ContainSingle().Which.File.Should().Be("bindings/retail/pop.json");
    }

    [Fact]
    public void A_missing_rules_file_names_the_folder()
    {
        _folder.Delete("identities.json");

        var error = Errors().Should().ContainSingle().Which;

        error.File.Should().Be("identities.json");
        error.Reason.Should().Contain($"'{_folder.Path}'");
    }

    [Theory]
    [InlineData("identities.schema.json")]
    [InlineData("binding.schema.json")]
    public void A_missing_schema_is_an_error(string schema)
    {
        _folder.Delete(schema);

        var error = Errors().Should().ContainSingle().Which;

        error.File.Should().Be(schema);
        error.Reason.Should().StartWith("The schema is missing from");
    }

    [Fact]
    public void Without_its_schema_a_file_is_still_checked_for_syntax_identities_and_misspelt_conditions()
    {
        _folder.Delete("identities.schema.json")
            .Write("identities.json", """{ "rules": [ { "identity": "Retail", "description": "d" }, { "identity": "retail", "description": "d", "when": { "vendorType": "Pop" } } ] }""")
            .Write("bindings/retail.pop.json", "{ oops }");

        Errors().Select(e => (e.File, e.JsonPath)).Should().Equal(
            ("identities.schema.json", "$"),
            ("identities.json", "$.rules[0].identity"),
            ("identities.json", "$.rules[1].when.vendorType"),
            ("bindings/retail.pop.json", "$"));
    }

    [Fact]
    public void A_schema_that_is_not_json_is_an_error()
    {
        _folder.Write("binding.schema.json", "{ \"type\": ");

        var error = Errors().Should().ContainSingle().Which;

        error.File.Should().Be("binding.schema.json");
        error.Reason.Should().StartWith("Not valid JSON");
    }

    [Fact]
    public void A_missing_folder_is_an_error_naming_it()
    {
        var missing = Path.Combine(_folder.Path, "nowhere");

        FluentActions.Invoking(() => IdentityMappingLoader.Load(missing))
            .Should().Throw<IdentityMappingException>()
            .Which.Errors.Should().ContainSingle().Which.Reason.Should().Contain(missing);
    }

    [Fact]
    public void Every_error_of_every_file_is_reported_at_once_one_line_each()
    {
        _folder.Write("identities.json", """{ "rules": [ { "identity": "retail..pop", "description": "d" } ], "fallbak": "default" }""")
            .Write("bindings/retail.self.json", """{ "identity": "retail.self", "settings": { "x": null } }""")
            .Write("bindings/bmall.json", """{ "identity": "retail.pop" }""")
            .Write("bindings/daojia.json", """{ "identity": "daojia" """);

        var failure = Failure();

        failure.Errors.Select(e => (e.File, e.JsonPath)).Should().Equal(
            ("identities.json", "$.rules[0].identity"),
            ("identities.json", "$.fallbak"),
            ("bindings/bmall.json", "$.identity"),
            ("bindings/daojia.json", "$.identity"),
            ("bindings/retail.pop.json", "$.identity"),
            ("bindings/retail.self.json", "$.settings.x"));
        failure.Message.Split(Environment.NewLine).Should().Equal(failure.Errors.Select(e => e.ToString()));
    }
}
