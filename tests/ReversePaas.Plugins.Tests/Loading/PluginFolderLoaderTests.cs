using System.Runtime.Loader;
using Microsoft.Extensions.Logging;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Plugins.Loading;
using ReversePaas.Plugins.Tests.Loading.Support;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Review;

namespace ReversePaas.Plugins.Tests.Loading;

public sealed class PluginFolderLoaderTests
{
    private static PluginSet Load(string directory) => new PluginFolderLoader(new PluginLoaderOptions()).LoadAll(directory);

    private static ReviewRoutingContext ReviewFor(string identity)
        => new(BusinessIdentity.Parse(identity), AfterSaleType.ReturnRefund, 10m, IdentitySettings.Empty);

    [Fact]
    public void The_bundled_RetailPop_plugin_loads_and_routes_POP_reviews_to_the_merchant()
    {
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Bundled("RetailPop"));

        var set = Load(plugins.FullPath);

        var plugin = set.Plugins.Should().ContainSingle().Subject;
        plugin.State.Should().Be(PluginState.Loaded, plugin.Error);
        plugin.Id.Should().Be("retail-pop");
        plugin.Version.Should().Be("1.1.0");
        plugin.Error.Should().BeNull();
        plugin.Manifest!.Identities.Should().Equal("retail.pop");
        plugin.Manifest.EntryAssembly.Should().Be("ReversePaas.Extensions.RetailPop.dll");
        plugin.Origin.Should().Be(new ExtensionOrigin("retail-pop", "1.1.0"));
        plugin.Extensions.Select(e => e.GetType().FullName).Should().BeEquivalentTo(
            "ReversePaas.Extensions.RetailPop.MerchantReviewRouter", "ReversePaas.Extensions.RetailPop.MerchantConfirmedCancellation");
        var extension = plugin.Extensions.OfType<IReviewRouter>().Should().ContainSingle().Subject;
        ((IReviewRouter)extension).Route(ReviewFor("retail.pop")).Should().Be(Reviewer.Merchant);
        set.Unload();
    }

    [Fact]
    public void Extension_instances_are_the_hosts_Sdk_types_because_the_Sdk_comes_from_the_default_context()
    {
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Bundled("RetailPop"), DeployedPlugins.Fixture("GoodPlugin"));

        var set = Load(plugins.FullPath);

        set.Plugins.Should().HaveCount(2).And.OnlyContain(p => p.State == PluginState.Loaded);
        foreach (var extension in set.Plugins.SelectMany(p => p.Extensions))
        {
            // Each extension implements an Sdk interface of the host's own Sdk assembly, not a plugin-local copy.
            extension.GetType().GetInterfaces().Should().Contain(i => i.Assembly == typeof(IReviewRouter).Assembly,
                "{0} must implement the kernel's Sdk interfaces, not plugin-local copies", extension.GetType());
            var context = AssemblyLoadContext.GetLoadContext(extension.GetType().Assembly)!;
            context.IsCollectible.Should().BeTrue();
            context.Should().NotBeSameAs(AssemblyLoadContext.Default);
            context.Assemblies.Should().NotContain(a => a.GetName().Name == "ReversePaas.Sdk");
        }

        set.Plugins.Select(p => AssemblyLoadContext.GetLoadContext(p.Extensions[0].GetType().Assembly)).Distinct().Should().HaveCount(2, "each plugin has its own context");
        set.Unload();
    }

    [Fact]
    public void A_manifest_that_breaks_the_schema_fails_naming_the_file_and_each_path_with_its_reason()
    {
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Fixture("BadManifest"));

        var plugin = Load(plugins.FullPath).Plugins.Should().ContainSingle().Subject;

        plugin.State.Should().Be(PluginState.Failed);
        plugin.Id.Should().Be("BadManifest", "without a valid manifest the folder name identifies the plugin");
        plugin.Manifest.Should().BeNull();
        plugin.Error.Should().Contain(Path.Combine(plugins.FullPath, "BadManifest", "plugin.json") + " is invalid")
            .And.Contain("$.version: 'one' does not match the pattern")
            .And.Contain("$: Required property 'entryAssembly' is missing")
            .And.Contain("$.id: 'Bad Manifest' does not match the pattern")
            .And.Contain("$.homepage: Unknown property 'homepage'");
    }

    [Fact]
    public void A_manifest_that_is_not_JSON_fails_with_the_line()
    {
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Fixture("GoodPlugin"));
        File.WriteAllText(Path.Combine(plugins.FullPath, "GoodPlugin", "plugin.json"), "{ \"id\": \"good-plugin\",\n  \"version\": ");

        var plugin = Load(plugins.FullPath).Plugins.Single();

        plugin.State.Should().Be(PluginState.Failed);
        plugin.Error.Should().Contain("plugin.json is invalid").And.Contain("Not valid JSON at line");
    }

    [Fact]
    public void A_folder_without_a_manifest_fails_saying_so()
    {
        using var plugins = ScratchPluginsDirectory.With();
        Directory.CreateDirectory(Path.Combine(plugins.FullPath, "Empty"));

        var plugin = Load(plugins.FullPath).Plugins.Should().ContainSingle().Subject;

        plugin.State.Should().Be(PluginState.Failed);
        plugin.Id.Should().Be("Empty");
        plugin.Error.Should().Contain("plugin.json is missing");
    }

    [Fact]
    public void A_manifest_naming_an_entry_assembly_that_is_not_there_fails_saying_which()
    {
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Fixture("GoodPlugin"));
        plugins.EditManifest("GoodPlugin", m => m["entryAssembly"] = "Fixture.Renamed.dll");

        var plugin = Load(plugins.FullPath).Plugins.Single();

        plugin.State.Should().Be(PluginState.Failed);
        plugin.Error.Should().Contain("Entry assembly 'Fixture.Renamed.dll'").And.Contain("is not in");
    }

    [Fact]
    public void An_entry_assembly_that_does_not_use_the_Sdk_fails_before_any_context_is_made()
    {
        // BadManifest's DLL has no code, so no reference to ReversePaas.Sdk; give it a valid manifest.
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Fixture("GoodPlugin"));
        plugins.Add(DeployedPlugins.Fixture("BadManifest"), "Empty");
        File.Copy(Path.Combine(plugins.FullPath, "GoodPlugin", "plugin.json"), Path.Combine(plugins.FullPath, "Empty", "plugin.json"), overwrite: true);
        plugins.EditManifest("Empty", m =>
        {
            m["id"] = "empty";
            m["entryAssembly"] = "Fixture.BadManifest.dll";
        });

        var set = Load(plugins.FullPath);

        var empty = set.Plugins.Single(p => p.Id == "empty");
        empty.State.Should().Be(PluginState.Failed);
        empty.Error.Should().Contain("Fixture.BadManifest.dll does not reference ReversePaas.Sdk, so it cannot contain extensions");
        set.ContextReferences.Should().HaveCount(1, "only the good plugin got a context");
        set.Unload();
    }

    [Fact]
    public void Failed_plugins_do_not_stop_the_good_ones()
    {
        using var plugins = ScratchPluginsDirectory.With(
            DeployedPlugins.Bundled("RetailPop"), DeployedPlugins.Fixture("BadManifest"), DeployedPlugins.Fixture("WrongSdkMajor"),
            DeployedPlugins.Fixture("TypeLoadFailure"), DeployedPlugins.Fixture("ThrowingConstructor"), DeployedPlugins.Fixture("GoodPlugin"),
            DeployedPlugins.Fixture("SdkReferenceMismatch"));

        var set = Load(plugins.FullPath);

        set.Plugins.Where(p => p.State == PluginState.Loaded).Select(p => p.Id).Should().BeEquivalentTo(["retail-pop", "good-plugin"]);
        set.Plugins.Where(p => p.State == PluginState.Failed).Select(p => p.Id).Should().BeEquivalentTo(
            ["BadManifest", "wrong-sdk-major", "type-load-failure", "throwing-constructor", "sdk-reference-mismatch"]);
        set.Plugins.Where(p => p.State == PluginState.Failed).Should().OnlyContain(p => p.Error!.Length > 0 && p.Extensions.Count == 0);
        set.Unload();
    }

    [Fact]
    public void A_missing_plugins_directory_is_an_empty_set_and_a_warning()
    {
        using var plugins = ScratchPluginsDirectory.With();
        var logger = new ListLogger<PluginFolderLoader>();

        var set = new PluginFolderLoader(new PluginLoaderOptions(), logger).LoadAll(plugins.MissingSibling);

        set.Plugins.Should().BeEmpty();
        set.ContextReferences.Should().BeEmpty();
        logger.Entries.Should().ContainSingle(e => e.Level == LogLevel.Warning && e.Message.Contains(plugins.MissingSibling, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_outcome_is_logged_with_the_reason()
    {
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Fixture("GoodPlugin"), DeployedPlugins.Fixture("WrongSdkMajor"));
        var logger = new ListLogger<PluginFolderLoader>();

        var set = new PluginFolderLoader(new PluginLoaderOptions(), logger).LoadAll(plugins.FullPath);

        logger.Entries.Should().Contain(e => e.Level == LogLevel.Information && e.Message.Contains("good-plugin 1.0.0 loaded", StringComparison.Ordinal));
        logger.Entries.Should().Contain(e => e.Level == LogLevel.Error && e.Message.Contains("wrong-sdk-major", StringComparison.Ordinal) && e.Message.Contains("2.0.0", StringComparison.Ordinal));
        set.Unload();
    }

    [Fact]
    public void A_second_folder_with_the_same_plugin_id_fails_and_the_first_loads()
    {
        using var plugins = ScratchPluginsDirectory.With();
        plugins.Add(DeployedPlugins.Fixture("GoodPlugin"), "A");
        plugins.Add(DeployedPlugins.Fixture("GoodPlugin"), "B");

        var set = Load(plugins.FullPath);

        set.Plugins.Single(p => Path.GetFileName(p.Path) == "A").State.Should().Be(PluginState.Loaded);
        var second = set.Plugins.Single(p => Path.GetFileName(p.Path) == "B");
        second.State.Should().Be(PluginState.Failed);
        second.Error.Should().Contain("Plugin id 'good-plugin' is already used by").And.Contain(Path.Combine(plugins.FullPath, "A"));
        set.Unload();
    }
}
