using ReversePaas.Kernel.Extensions;
using ReversePaas.Plugins.Loading;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Review;

namespace ReversePaas.Extensions.Company.Line.Tests;

/// <summary>
/// The built plugin (plugin.json, DLL, .deps.json, copied by the test project's build) loaded by the kernel's
/// own loader into its own load context, exactly as the host loads it: proves the manifest is valid, the Sdk
/// version fits and the extension registers for the identity.
/// </summary>
public sealed class PluginLoadingTests
{
    private const string PluginId = "acme-outlet";
    private const string ExtensionId = "acme-outlet.review-router";
    private const string Identity = "acme.outlet";

    private static string PluginsDirectory => Path.Combine(AppContext.BaseDirectory, "plugin-under-test");

    [Fact]
    public void The_kernel_loader_loads_the_plugin_and_its_extension_serves_the_identity()
    {
        var set = new PluginFolderLoader(new PluginLoaderOptions()).LoadAll(PluginsDirectory);
        try
        {
            var plugin = set.Plugins.Should().ContainSingle().Subject;
            plugin.State.Should().Be(PluginState.Loaded, plugin.Error);
            plugin.Id.Should().Be(PluginId);
            plugin.Manifest!.Identities.Should().Equal(Identity);

            var builder = KernelExtensionPoints.CreateBuilder();
            foreach (var extension in plugin.Extensions)
            {
                builder.AddExtension(plugin.Origin, extension).Should().BeTrue();
            }

            var snapshot = builder.Build(generation: 1);
            snapshot.Problems.Should().BeEmpty();
            snapshot.FindExtension(ExtensionId).Should().NotBeNull("the plugin's [Extension] is registered under its id");
            var router = snapshot.Single<IReviewRouter>(BusinessIdentity.Parse(Identity));
            router.Extension.Id.Should().Be(ExtensionId);
            router.Instance.Route(new ReviewRoutingContext(BusinessIdentity.Parse(Identity), AfterSaleType.RefundOnly, 10m, IdentitySettings.Empty))
                .Should().Be(Reviewer.Merchant);
        }
        finally
        {
            set.Unload();
        }
    }
}
