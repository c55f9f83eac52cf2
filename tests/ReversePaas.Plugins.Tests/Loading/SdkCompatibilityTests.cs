using ReversePaas.Plugins.Loading;
using ReversePaas.Plugins.Tests.Loading.Support;
using ReversePaas.Sdk;

namespace ReversePaas.Plugins.Tests.Loading;

public sealed class SdkCompatibilityTests
{
    // For plugins expected to fail: nothing stays loaded, so there is nothing to unload.
    private static PluginRecord LoadSingle(ScratchPluginsDirectory plugins)
        => new PluginFolderLoader(new PluginLoaderOptions()).LoadAll(plugins.FullPath).Plugins.Should().ContainSingle().Subject;

    [Fact]
    public void A_plugin_declaring_another_Sdk_major_fails_naming_both_versions()
    {
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Fixture("WrongSdkMajor"));

        var plugin = LoadSingle(plugins);

        plugin.State.Should().Be(PluginState.Failed);
        plugin.Error.Should().Contain("Built against ReversePaas.Sdk 2.0.0").And.Contain($"this host runs Sdk {SdkVersion.Text}")
            .And.Contain("major versions must match");
        plugin.Extensions.Should().BeEmpty();
    }

    [Fact]
    public void A_plugin_declaring_a_newer_Sdk_minor_fails_because_it_may_use_what_this_host_lacks()
    {
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Fixture("GoodPlugin"));
        plugins.EditManifest("GoodPlugin", m => m["sdkVersion"] = $"{SdkVersion.Major}.{SdkVersion.Minor + 1}.0");

        var plugin = LoadSingle(plugins);

        plugin.State.Should().Be(PluginState.Failed);
        plugin.Error.Should().Contain("newer than this host's Sdk");
    }

    [Fact]
    public void A_plugin_declaring_the_same_minor_with_another_patch_loads()
    {
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Fixture("GoodPlugin"));
        plugins.EditManifest("GoodPlugin", m => m["sdkVersion"] = $"{SdkVersion.Major}.{SdkVersion.Minor}.{SdkVersion.Patch + 7}");

        var set = new PluginFolderLoader(new PluginLoaderOptions()).LoadAll(plugins.FullPath);

        set.Plugins.Single().State.Should().Be(PluginState.Loaded, set.Plugins.Single().Error);
        set.Unload();
    }

    [Fact]
    public void A_plugin_compiled_against_an_older_Sdk_minor_loads_and_serves_through_the_hosts_Sdk()
    {
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Fixture("OlderSdkMinor"));
        var dll = Path.Combine(plugins.FullPath, "OlderSdkMinor", "Fixture.OlderSdkMinor.dll");
        using (var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(dll)))
        {
            var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
            var sdk = metadata.AssemblyReferences.Select(metadata.GetAssemblyReference).Single(r => metadata.GetString(r.Name) == "ReversePaas.Sdk");
            sdk.Version.Should().Be(new Version(1, 0, 0, 0), "the fixture is compiled against Sdk 1.0");
        }

        SdkVersion.Minor.Should().BeGreaterThan(0, "the host's Sdk is a newer minor");

        var set = new PluginFolderLoader(new PluginLoaderOptions()).LoadAll(plugins.FullPath);

        var plugin = set.Plugins.Single();
        plugin.State.Should().Be(PluginState.Loaded, plugin.Error);
        var router = plugin.Extensions.OfType<ReversePaas.Sdk.Review.IReviewRouter>().Should().ContainSingle().Subject;
        router.Route(new ReversePaas.Sdk.Review.ReviewRoutingContext(BusinessIdentity.Parse("test.older"), AfterSaleType.RefundOnly, 1m, IdentitySettings.Empty))
            .Should().Be(ReversePaas.Sdk.Review.Reviewer.Merchant);
        set.Unload();
    }

    [Fact]
    public void An_assembly_compiled_against_another_Sdk_major_fails_even_when_its_manifest_claims_this_one()
    {
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Fixture("SdkReferenceMismatch"));

        var set = new PluginFolderLoader(new PluginLoaderOptions()).LoadAll(plugins.FullPath);

        var plugin = set.Plugins.Single();
        plugin.State.Should().Be(PluginState.Failed);
        plugin.Manifest!.SdkVersion.Should().Be("1.0.0");
        plugin.Error.Should().Contain("Fixture.SdkReferenceMismatch.dll was compiled against ReversePaas.Sdk 2.0.0.0")
            .And.Contain("the manifest and the assembly disagree");
        set.ContextReferences.Should().BeEmpty("the reference is read from metadata before any context is made");
    }
}
