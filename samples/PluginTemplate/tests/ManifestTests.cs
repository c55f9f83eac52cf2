using System.Reflection;
using System.Text.Json;
using ReversePaas.Sdk;

namespace ReversePaas.Extensions.Company.Line.Tests;

/// <summary>
/// plugin.json against the code it describes, the checks the host makes when it loads the plugin: the entry
/// assembly, the version, the Sdk major and the identities the extensions serve. `reversepaas plugin pack` and the
/// host check the same again; failing here is quicker.
/// </summary>
public sealed class ManifestTests
{
    private static readonly Assembly Plugin = typeof(MerchantReviewRouter).Assembly;

    private static JsonElement Manifest { get; } = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "plugin.json"))).RootElement;

    [Fact]
    public void The_manifest_names_this_assembly_and_its_version()
    {
        Assert.Equal(Path.GetFileName(Plugin.Location), Manifest.GetProperty("entryAssembly").GetString());
        Assert.Equal(Plugin.GetName().Version!.ToString(3), Manifest.GetProperty("version").GetString());
    }

    [Fact]
    public void The_manifest_asks_for_the_sdk_major_it_was_built_against()
    {
        var asked = Version.Parse(Manifest.GetProperty("sdkVersion").GetString()!);

        Assert.Equal(SdkVersion.Major, asked.Major);
        Assert.True(asked.Minor <= SdkVersion.Minor, $"plugin.json asks for Sdk {asked}, newer than the {SdkVersion.Major}.{SdkVersion.Minor} it is built against");
    }

    [Fact]
    public void Every_extension_has_the_plugin_id_as_prefix_and_serves_only_identities_the_manifest_lists()
    {
        var id = Manifest.GetProperty("id").GetString()!;
        var identities = Manifest.GetProperty("identities").EnumerateArray().Select(i => i.GetString()).ToHashSet();
        var extensions = Plugin.GetTypes().Select(t => t.GetCustomAttribute<ExtensionAttribute>()).OfType<ExtensionAttribute>().ToList();

        Assert.NotEmpty(extensions);
        Assert.All(extensions, e => Assert.StartsWith(id + ".", e.Id, StringComparison.Ordinal));
        Assert.All(extensions.SelectMany(e => e.Identities), identity => Assert.Contains(identity, identities));
    }
}
