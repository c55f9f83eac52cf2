using System.Text.Json;
using System.Text.Json.Nodes;
using ReversePaas.Plugins.Loading;
using ReversePaas.Plugins.Tests.Loading.Support;

namespace ReversePaas.Plugins.Tests.Loading;

/// <summary>
/// A manifest's <c>fields</c>: the JSON Schema of the fields a plugin owns is compiled when the plugin loads and checks
/// values with paths a client can act on; a schema that reaches outside itself (a <c>$ref</c> to a file or URL, which
/// NJsonSchema would fetch while the host loads) fails the plugin, naming the reference.
/// </summary>
public sealed class PluginFieldSchemaTests
{
    private static PluginSet Load(string directory) => new PluginFolderLoader(new PluginLoaderOptions()).LoadAll(directory);

    [Fact]
    public void The_fields_schema_of_a_loaded_plugin_checks_values_naming_each_path()
    {
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Fixture("GiftWrapFields"));

        var set = Load(plugins.FullPath);

        var plugin = set.Plugins.Should().ContainSingle().Subject;
        plugin.State.Should().Be(PluginState.Loaded, plugin.Error);
        var schema = plugin.Manifest!.FieldSchema!;
        schema.Validate(Json("""{"wrap":"paper","message":"Hello"}""")).Should().BeEmpty();
        schema.Validate(Json("""{"wrap":"bag","message":""}""")).Select(v => v.Path).Should().BeEquivalentTo(".wrap", ".message");
        schema.Validate(Json("""{}""")).Should().ContainSingle().Which.Should().Match<Kernel.Extensions.Fields.FieldViolation>(v => v.Path == "" && v.Reason.Contains("'wrap'"));
        schema.Validate(Json("""["paper"]""")).Should().Contain(v => v.Path == "" && v.Reason.StartsWith("Must be an object", StringComparison.Ordinal));
        set.Unload();
    }

    [Fact]
    public void A_plugin_without_fields_has_no_schema()
    {
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Fixture("GoodPlugin"));

        var plugin = Load(plugins.FullPath).Plugins.Should().ContainSingle().Subject;

        plugin.State.Should().Be(PluginState.Loaded, plugin.Error);
        plugin.Manifest!.Fields.Should().BeNull();
        plugin.Manifest.FieldSchema.Should().BeNull();
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("file:///etc/passwd")]
    [InlineData("other.schema.json#/definitions/x")]
    public void A_fields_schema_referring_outside_itself_fails_the_plugin_naming_the_reference(string reference)
    {
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Fixture("GoodPlugin"));
        plugins.EditManifest("GoodPlugin", m => m["fields"] = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { ["note"] = new JsonObject { ["$ref"] = reference } },
        });

        var plugin = Load(plugins.FullPath).Plugins.Should().ContainSingle().Subject;

        plugin.State.Should().Be(PluginState.Failed);
        plugin.Error.Should().Contain("$.fields.properties.note").And.Contain("must stay inside the schema").And.Contain(reference);
    }

    [Fact]
    public void Fields_that_are_not_a_schema_object_fail_the_plugin_naming_the_property()
    {
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Fixture("GoodPlugin"));
        plugins.EditManifest("GoodPlugin", m => m["fields"] = "a string");

        var plugin = Load(plugins.FullPath).Plugins.Should().ContainSingle().Subject;

        plugin.State.Should().Be(PluginState.Failed);
        plugin.Error.Should().Contain("$.fields");
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
