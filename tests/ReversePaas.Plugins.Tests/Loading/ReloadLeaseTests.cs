using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Plugins.Loading;
using ReversePaas.Plugins.Tests.Loading.Support;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Review;

namespace ReversePaas.Plugins.Tests.Loading;

/// <summary>
/// A reload while work holds the old snapshot: the old plugin keeps serving that work and its load context is not
/// unloaded (an unloading context refuses to load any further assembly the work may need) until the work's lease
/// ends; then it is unloaded, and collected.
/// </summary>
public sealed class ReloadLeaseTests
{
    private static readonly BusinessIdentity Private = BusinessIdentity.Parse("test.private");

    [Fact]
    public async Task A_reload_unloads_the_replaced_plugins_only_after_the_last_lease_on_their_snapshot_ends()
    {
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Fixture("PrivateDependency"));
        using var runtime = new PluginRuntime(new PluginRuntimeOptions
        {
            PluginsDirectory = plugins.FullPath,
            MappingsDirectory = Path.Combine(RepositoryFolders.Root, "identity-mappings"),
        });

        var unloading = new StrongBox<int>();
        var (lease, context) = LeaseOldSnapshot(runtime, unloading);
        (await runtime.ReloadAsync()).Applied.Should().BeTrue();

        runtime.Extensions.Latest.Generation.Should().Be(2);
        unloading.Value.Should().Be(0, "the old context is not unloaded while work holds its snapshot");
        // The checks that touch the snapshot run in NoInlining methods: an unoptimised build keeps a temporary of
        // this method alive to its end, which would keep the old context reachable.
        RouteOnLease(lease).Should().Be((1L, false, Reviewer.Merchant), "generation 1, not drained, still serving");

        lease.Dispose();

        unloading.Value.Should().Be(1, "the last lease's end unloads the replaced context");

        runtime.Plugins.Should().ContainSingle(p => p.Id == "private-dependency").Which.State.Should().Be(PluginState.Loaded, "the new generation serves it");
        CollectUntilDead(context).Should().BeTrue("the replaced context is unloaded when the last lease ends, and nothing keeps it");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (SnapshotLease Lease, WeakReference Context) LeaseOldSnapshot(PluginRuntime runtime, StrongBox<int> unloading)
    {
        var lease = runtime.Extensions.Lease();
        var router = lease.Snapshot!.Single<IReviewRouter>(Private).Instance;
        var context = AssemblyLoadContext.GetLoadContext(router.GetType().Assembly)!;
        context.IsCollectible.Should().BeTrue();
        context.Unloading += _ => unloading.Value++;
        return (lease, new WeakReference(context));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (long Generation, bool Drained, Reviewer Reviewer) RouteOnLease(SnapshotLease lease)
        => (lease.Snapshot!.Generation, lease.Snapshot.IsDrained, lease.Snapshot.Single<IReviewRouter>(Private).Instance
            .Route(new ReviewRoutingContext(Private, AfterSaleType.RefundOnly, 1m, IdentitySettings.Empty)));

    private static bool CollectUntilDead(WeakReference reference)
    {
        for (var i = 0; i < 20 && reference.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return !reference.IsAlive;
    }
}
