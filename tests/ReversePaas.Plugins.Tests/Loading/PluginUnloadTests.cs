using System.Runtime.CompilerServices;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Plugins.Loading;
using ReversePaas.Plugins.Tests.Support;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Review;

namespace ReversePaas.Plugins.Tests.Loading;

public sealed class PluginUnloadTests
{
    [Fact]
    public void An_unloaded_plugin_set_is_collected()
    {
        var references = LoadUseAndUnload(PluginFolders.DirectoryWith(PluginFolders.Bundled("RetailPop"), PluginFolders.Fixture("PrivateDependency")));

        references.Should().HaveCount(2);
        CollectUntilDead(references).Should().BeTrue("no strong reference to a plugin context may survive Unload");
    }

    [Fact]
    public void A_context_stays_alive_while_a_snapshot_still_uses_its_extensions_and_goes_once_released()
    {
        // The box stands for in-flight work that still holds the snapshot it started on.
        var inFlight = new StrongBox<ExtensionSnapshot?>();
        var references = LoadIntoSnapshotAndUnload(PluginFolders.DirectoryWith(PluginFolders.Bundled("RetailPop")), inFlight);

        CollectUntilDead(references, attempts: 3).Should().BeFalse("in-flight work holding the old snapshot keeps the code alive");
        RouteRetailPop(inFlight).Should().Be(Reviewer.Merchant);

        inFlight.Value = null;
        CollectUntilDead(references).Should().BeTrue();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Reviewer RouteRetailPop(StrongBox<ExtensionSnapshot?> inFlight)
        => inFlight.Value!.Single<IReviewRouter>(BusinessIdentity.Parse("retail.pop")).Instance
            .Route(new ReviewRoutingContext(BusinessIdentity.Parse("retail.pop"), AfterSaleType.RefundOnly, 1m, IdentitySettings.Empty));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IReadOnlyList<WeakReference> LoadUseAndUnload(string directory)
    {
        var set = new PluginLoader(new PluginLoaderOptions()).LoadAll(directory);
        set.Plugins.Should().OnlyContain(p => p.State == PluginState.Loaded);
        var builder = KernelExtensionPoints.CreateBuilder();
        foreach (var plugin in set.Plugins)
        {
            foreach (var extension in plugin.Extensions)
            {
                builder.AddExtension(plugin.Origin, extension);
            }
        }

        builder.Build(1).Single<IReviewRouter>(BusinessIdentity.Parse("retail.pop")).Extension.Id.Should().Be("retail-pop.merchant-review");
        set.Unload();
        set.Plugins.Should().OnlyContain(p => p.State == PluginState.Unloaded && p.Extensions.Count == 0);
        return set.ContextReferences;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IReadOnlyList<WeakReference> LoadIntoSnapshotAndUnload(string directory, StrongBox<ExtensionSnapshot?> inFlight)
    {
        var set = new PluginLoader(new PluginLoaderOptions()).LoadAll(directory);
        var builder = KernelExtensionPoints.CreateBuilder();
        foreach (var extension in set.Plugins.Single().Extensions)
        {
            builder.AddExtension(set.Plugins.Single().Origin, extension);
        }

        inFlight.Value = builder.Build(1);
        set.Unload();
        return set.ContextReferences;
    }

    private static bool CollectUntilDead(IReadOnlyList<WeakReference> references, int attempts = 20)
    {
        for (var i = 0; i < attempts && references.Any(r => r.IsAlive); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return references.All(r => !r.IsAlive);
    }
}
