using System.Runtime.Loader;
using ReversePaas.Plugins.Loading;
using ReversePaas.Plugins.Tests.Loading.Support;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Review;

namespace ReversePaas.Plugins.Tests.Loading;

public sealed class NativeDependencyTests
{
    [Fact]
    public void A_private_package_with_runtime_specific_and_native_assets_loads_those_of_this_platform()
    {
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Fixture("NativeDependency"));
        var deployed = Path.Combine(plugins.FullPath, "NativeDependency");
        File.ReadAllText(Path.Combine(deployed, "Fixture.NativeDependency.deps.json"))
            .Should().Contain("runtimes/unix/lib/").And.Contain("libSystem.IO.Ports.Native.so", "the fixture must really carry such assets");

        var set = new PluginFolderLoader(new PluginLoaderOptions()).LoadAll(plugins.FullPath);

        var plugin = set.Plugins.Single();
        plugin.State.Should().Be(PluginState.Loaded, plugin.Error);
        var router = (IReviewRouter)plugin.Extensions.Single();
        var reviewer = router.Route(new ReviewRoutingContext(BusinessIdentity.Parse("test.native"), AfterSaleType.RefundOnly, 1m, IdentitySettings.Empty));

        var outcome = (string)router.GetType().GetProperty("LastOutcome")!.GetValue(null)!;
        outcome.Should().NotBe(nameof(PlatformNotSupportedException), "the portable stub was loaded instead of the unix assembly");
        outcome.Should().NotBeEmpty();
        reviewer.Should().Be(Reviewer.Merchant, "the native library was called and refused /dev/null as a serial port ({0})", outcome);
        var ports = AssemblyLoadContext.GetLoadContext(router.GetType().Assembly)!.Assemblies.Single(a => a.GetName().Name == "System.IO.Ports");
        ports.Location.Should().Be(Path.Combine(deployed, "runtimes", "unix", "lib", "net10.0", "System.IO.Ports.dll"));
        set.Unload();
    }
}
