using System.Runtime.Loader;
using ReversePaas.Plugins.Loading;
using ReversePaas.Plugins.Tests.Support;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Review;

namespace ReversePaas.Plugins.Tests.Loading;

public sealed class PluginLoaderTests
{
    private static readonly ReviewRoutingContext AnyReview = new(BusinessIdentity.Parse("test.good"), AfterSaleType.RefundOnly, 10m, IdentitySettings.Empty);

    private static PluginSet Load(string directory, PluginLoaderOptions? options = null)
        => new PluginLoader(options ?? new PluginLoaderOptions()).LoadAll(directory);

    [Fact]
    public void The_bundled_RetailPop_plugin_loads_and_its_extension_is_a_kernel_IReviewRouter()
    {
        var set = Load(PluginFolders.DirectoryWith(PluginFolders.Bundled("RetailPop")));

        var plugin = set.Plugins.Should().ContainSingle().Subject;
        plugin.State.Should().Be(PluginState.Loaded, plugin.Error);
        plugin.Id.Should().Be("retail-pop");
        plugin.Origin.Should().Be(new Kernel.Extensions.ExtensionOrigin("retail-pop", "1.0.0"));
        var router = plugin.Extensions.Should().ContainSingle().Which.Should().BeAssignableTo<IReviewRouter>().Subject;
        router.Route(AnyReview).Should().Be(Reviewer.Merchant);
        set.Unload();
    }

    [Fact]
    public void Each_plugin_gets_its_own_collectible_context_and_shares_the_hosts_Sdk()
    {
        var set = Load(PluginFolders.DirectoryWith(PluginFolders.Bundled("RetailPop"), PluginFolders.Fixture("GoodPlugin")));

        var contexts = set.Plugins.Select(p => AssemblyLoadContext.GetLoadContext(p.Extensions[0].GetType().Assembly)!).ToArray();
        contexts.Should().OnlyContain(c => c.IsCollectible && c != AssemblyLoadContext.Default);
        contexts.Distinct().Should().HaveCount(2);
        contexts.SelectMany(c => c.Assemblies).Should().NotContain(a => a.GetName().Name == "ReversePaas.Sdk",
            "the Sdk must come from the default context so extension types unify with the kernel's");
        set.Unload();
    }

    [Fact]
    public void A_manifest_that_breaks_the_schema_fails_with_every_path_and_reason()
    {
        var set = Load(PluginFolders.DirectoryWith(PluginFolders.Fixture("BadManifest")));

        var plugin = set.Plugins.Should().ContainSingle().Subject;
        plugin.State.Should().Be(PluginState.Failed);
        plugin.Id.Should().Be("BadManifest", "without a valid manifest the folder name identifies the plugin");
        plugin.Error.Should().Contain("plugin.json is invalid")
            .And.Contain("$.id").And.Contain("$.version").And.Contain("entryAssembly").And.Contain("homepage");
    }

    [Fact]
    public void A_missing_manifest_fails_saying_so()
    {
        var directory = PluginFolders.NewScratch();
        Directory.CreateDirectory(Path.Combine(directory, "Empty"));

        var plugin = Load(directory).Plugins.Should().ContainSingle().Subject;

        plugin.State.Should().Be(PluginState.Failed);
        plugin.Error.Should().Contain("plugin.json is missing");
    }

    [Fact]
    public void A_plugin_built_for_another_Sdk_major_fails_naming_both_versions()
    {
        var plugin = Load(PluginFolders.DirectoryWith(PluginFolders.Fixture("WrongSdkMajor"))).Plugins.Single();

        plugin.State.Should().Be(PluginState.Failed);
        plugin.Error.Should().Contain("2.0.0").And.Contain(SdkVersion.Text).And.Contain("major");
        plugin.Extensions.Should().BeEmpty();
    }

    [Fact]
    public void A_plugin_built_for_a_newer_Sdk_minor_fails_but_an_older_minor_loads()
    {
        var directory = PluginFolders.DirectoryWith(PluginFolders.Fixture("GoodPlugin"));
        PluginFolders.EditManifest(Path.Combine(directory, "GoodPlugin"), m => m.Replace("\"1.0.0\",\n  \"identities\"", $"\"{SdkVersion.Major}.{SdkVersion.Minor + 1}.0\",\n  \"identities\"", StringComparison.Ordinal));

        var plugin = Load(directory).Plugins.Single();

        plugin.State.Should().Be(PluginState.Failed);
        plugin.Error.Should().Contain("newer than this host");
    }

    [Fact]
    public void A_type_load_failure_fails_the_plugin_naming_the_missing_assembly()
    {
        var plugin = Load(PluginFolders.DirectoryWith(PluginFolders.Fixture("TypeLoadFailure"))).Plugins.Single();

        plugin.State.Should().Be(PluginState.Failed);
        plugin.Error.Should().Contain("Fixture.MissingDependency");
    }

    [Fact]
    public void A_throwing_extension_constructor_fails_the_plugin_with_the_class_and_message()
    {
        var plugin = Load(PluginFolders.DirectoryWith(PluginFolders.Fixture("ThrowingConstructor"))).Plugins.Single();

        plugin.State.Should().Be(PluginState.Failed);
        plugin.Error.Should().Contain("ThrowingReviewRouter").And.Contain("configuration file not found");
    }

    [Fact]
    public void A_private_dependency_loads_in_its_own_version_beside_the_hosts()
    {
        var hostJson = typeof(Newtonsoft.Json.JsonConvert).Assembly.GetName().Version;
        var set = Load(PluginFolders.DirectoryWith(PluginFolders.Fixture("PrivateDependency")));

        var plugin = set.Plugins.Single();
        plugin.State.Should().Be(PluginState.Loaded, plugin.Error);
        var router = (IReviewRouter)plugin.Extensions.Single();
        router.Route(AnyReview).Should().Be(Reviewer.Merchant, "the plugin parsed its JSON with its own Newtonsoft.Json");
        var pluginJson = AssemblyLoadContext.GetLoadContext(router.GetType().Assembly)!.Assemblies.Single(a => a.GetName().Name == "Newtonsoft.Json");
        pluginJson.GetName().Version.Should().Be(new Version(12, 0, 0, 0));
        hostJson.Should().Be(new Version(13, 0, 0, 0));
        set.Unload();
    }

    [Fact]
    public void Failed_plugins_do_not_stop_the_good_ones()
    {
        var set = Load(PluginFolders.DirectoryWith(
            PluginFolders.Bundled("RetailPop"), PluginFolders.Fixture("BadManifest"), PluginFolders.Fixture("WrongSdkMajor"),
            PluginFolders.Fixture("TypeLoadFailure"), PluginFolders.Fixture("GoodPlugin")));

        set.Plugins.Where(p => p.State == PluginState.Loaded).Select(p => p.Id).Should().BeEquivalentTo(["retail-pop", "good-plugin"]);
        set.Plugins.Where(p => p.State == PluginState.Failed).Should().HaveCount(3).And.OnlyContain(p => p.Error!.Length > 0);
        set.ContextReferences.Should().HaveCount(2, "failed plugins keep no context");
        set.Unload();
    }

    [Fact]
    public void A_missing_plugins_directory_is_an_empty_set()
    {
        var set = Load(Path.Combine(Path.GetTempPath(), "reversepaas-tests", Guid.NewGuid().ToString("N")));

        set.Plugins.Should().BeEmpty();
    }

    [Fact]
    public void A_second_folder_with_the_same_plugin_id_fails()
    {
        var set = Load(PluginFolders.DirectoryWith((PluginFolders.Fixture("GoodPlugin"), "A"), (PluginFolders.Fixture("GoodPlugin"), "B")));

        set.Plugins.Single(p => Path.GetFileName(p.Path) == "A").State.Should().Be(PluginState.Loaded);
        var second = set.Plugins.Single(p => Path.GetFileName(p.Path) == "B");
        second.State.Should().Be(PluginState.Failed);
        second.Error.Should().Contain("already used");
        set.Unload();
    }
}
