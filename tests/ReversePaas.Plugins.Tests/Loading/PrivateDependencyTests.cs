using System.Runtime.Loader;
using Newtonsoft.Json;
using ReversePaas.Plugins.Loading;
using ReversePaas.Plugins.Tests.Loading.Support;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Review;

namespace ReversePaas.Plugins.Tests.Loading;

public sealed class PrivateDependencyTests
{
    [Fact]
    public void A_plugin_runs_its_own_Newtonsoft_Json_12_beside_the_hosts_13()
    {
        // The host side: this test uses Newtonsoft.Json itself, so the default context has the host's 13.
        var hostJson = typeof(JsonConvert).Assembly;
        JsonConvert.SerializeObject(new { host = true }).Should().Be("{\"host\":true}");
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Fixture("PrivateDependency"));

        var set = new PluginFolderLoader(new PluginLoaderOptions()).LoadAll(plugins.FullPath);

        var plugin = set.Plugins.Single();
        plugin.State.Should().Be(PluginState.Loaded, plugin.Error);
        var router = plugin.Extensions.Single() as IReviewRouter;
        router.Should().NotBeNull();
        router!.Route(new ReviewRoutingContext(BusinessIdentity.Parse("test.private"), AfterSaleType.RefundOnly, 1m, IdentitySettings.Empty))
            .Should().Be(Reviewer.Merchant, "the plugin read its rule with JsonConvert from its own Newtonsoft.Json");

        var pluginContext = AssemblyLoadContext.GetLoadContext(router.GetType().Assembly)!;
        var pluginJson = pluginContext.Assemblies.Single(a => a.GetName().Name == "Newtonsoft.Json");
        pluginJson.GetName().Version.Should().Be(new Version(12, 0, 0, 0));
        pluginJson.Location.Should().Be(Path.Combine(plugin.Path, "Newtonsoft.Json.dll"));
        AssemblyLoadContext.GetLoadContext(hostJson).Should().BeSameAs(AssemblyLoadContext.Default);
        hostJson.GetName().Version.Should().Be(new Version(13, 0, 0, 0));
        AssemblyLoadContext.Default.Assemblies.Where(a => a.GetName().Name == "Newtonsoft.Json").Should().ContainSingle()
            .Which.Should().BeSameAs(hostJson, "the plugin's copy must not leak into the default context");
        set.Unload();
    }
}
