using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Plugins.Loading;
using ReversePaas.Plugins.Tests.Loading.Support;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Review;

namespace ReversePaas.Plugins.Tests.Loading;

// The plugin sets are loaded and used in separate NoInlining methods, so no local of the test method keeps a
// plugin object alive; the tests only hold weak references to the load contexts.
public sealed class PluginUnloadTests
{
    private const int MaxCollections = 20;

    private static readonly BusinessIdentity RetailPop = BusinessIdentity.Parse("retail.pop");

    [Fact]
    public void Unload_marks_loaded_plugins_unloaded_drops_their_extensions_and_keeps_failures_as_they_were()
    {
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Fixture("GoodPlugin"), DeployedPlugins.Fixture("WrongSdkMajor"));
        var set = new PluginFolderLoader(new PluginLoaderOptions()).LoadAll(plugins.FullPath);

        set.Unload();
        set.Unload();

        set.Plugins.Single(p => p.Id == "good-plugin").State.Should().Be(PluginState.Unloaded);
        set.Plugins.Single(p => p.Id == "wrong-sdk-major").State.Should().Be(PluginState.Failed, "the reason it failed stays visible");
        set.Plugins.Should().OnlyContain(p => p.Extensions.Count == 0);
    }

    [Fact]
    public void An_unloaded_plugin_set_is_collected_after_its_extensions_ran_in_a_kernel_snapshot()
    {
        using var plugins = ScratchPluginsDirectory.With(
            DeployedPlugins.Bundled("RetailPop"), DeployedPlugins.Fixture("GoodPlugin"), DeployedPlugins.Fixture("PrivateDependency"));

        var contexts = LoadRunAndUnload(plugins.FullPath);

        contexts.Should().HaveCount(3);
        CollectUntilDead(contexts).Should().BeTrue("nothing may keep a plugin context alive after Unload, but {0} survived", AliveNames(contexts));
    }

    [Fact]
    public void The_contexts_of_plugins_that_failed_while_loading_are_collected_too()
    {
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Fixture("TypeLoadFailure"), DeployedPlugins.Fixture("ThrowingConstructor"));

        var contexts = LoadFailures(plugins.FullPath);

        contexts.Should().HaveCount(2);
        CollectUntilDead(contexts).Should().BeTrue("a failed plugin's context is unloaded at once and its exception is not kept, but {0} survived", AliveNames(contexts));
    }

    [Fact]
    public void A_context_stays_alive_while_a_snapshot_still_uses_its_extension_and_is_collected_once_released()
    {
        // The box stands for in-flight work that still holds the snapshot it started on.
        var inFlight = new StrongBox<ExtensionSnapshot?>();
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Bundled("RetailPop"));
        var contexts = LoadIntoSnapshotAndUnload(plugins.FullPath, inFlight);

        CollectUntilDead(contexts, attempts: 3).Should().BeFalse("in-flight work holding the old snapshot keeps the plugin's code alive");
        RouteRetailPop(inFlight).Should().Be(Reviewer.Merchant);

        inFlight.Value = null;
        CollectUntilDead(contexts).Should().BeTrue();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IReadOnlyList<WeakReference> LoadRunAndUnload(string directory)
    {
        var set = new PluginFolderLoader(new PluginLoaderOptions()).LoadAll(directory);
        set.Plugins.Should().OnlyContain(p => p.State == PluginState.Loaded);
        var snapshot = BuildSnapshot(set);
        foreach (var identity in new[] { "retail.pop", "test.good", "test.private" })
        {
            var resolved = snapshot.Single<IReviewRouter>(BusinessIdentity.Parse(identity));
            resolved.Extension.Origin.IsKernel.Should().BeFalse();
            var reviewer = resolved.Instance.Route(new ReviewRoutingContext(BusinessIdentity.Parse(identity), AfterSaleType.RefundOnly, 1m, IdentitySettings.Empty));
            reviewer.Should().Be(Reviewer.Merchant);
        }

        set.Unload();
        set.Plugins.Should().OnlyContain(p => p.State == PluginState.Unloaded && p.Extensions.Count == 0);
        return set.ContextReferences;
    }

    [Fact]
    public async Task A_plugin_that_read_its_fields_as_its_own_record_is_collected_after_unload()
    {
        // PluginFields.Get<T> deserializes into the plugin's type: System.Text.Json metadata for it must not outlive the plugin.
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Fixture("GiftWrapFields"));
        var log = Path.Combine(plugins.FullPath, "wraps.log");

        var contexts = await ReadFieldsAndUnloadAsync(plugins.FullPath, log);

        (await File.ReadAllTextAsync(log)).Should().Be($"s-1/1 PendingReview box{Environment.NewLine}", "the handler read its fields");
        CollectUntilDead(contexts).Should().BeTrue("the serializer's metadata for the plugin's record must not pin its context, but {0} survived", AliveNames(contexts));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<IReadOnlyList<WeakReference>> ReadFieldsAndUnloadAsync(string directory, string log)
    {
        var set = new PluginFolderLoader(new PluginLoaderOptions()).LoadAll(directory);
        var handler = set.Plugins.Single().Extensions.OfType<Sdk.Execution.IAfterSaleEventHandler>().Single();
        using (var fields = System.Text.Json.JsonDocument.Parse("""{"gift-wrap":{"wrap":"box","message":"Hi"}}"""))
        {
            await handler.HandleAsync(
                new Sdk.Execution.AfterSaleStatusChange
                {
                    EventId = "s-1/1",
                    Identity = BusinessIdentity.Parse("retail.self"),
                    Settings = new IdentitySettings([KeyValuePair.Create("fixture.giftWrapLog", log)]),
                    AfterSaleId = "s-1",
                    OrderId = "o-1",
                    Type = AfterSaleType.RefundOnly,
                    Sequence = 1,
                    Status = Sdk.Orders.AfterSaleStatus.PendingReview,
                    At = DateTimeOffset.UnixEpoch,
                    Actor = "User:u-1",
                    Note = "Applied.",
                    RefundAmount = 1m,
                    Fields = new PluginFields(fields.RootElement.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value))),
                },
                CancellationToken.None);
        }

        set.Unload();
        return set.ContextReferences;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IReadOnlyList<WeakReference> LoadFailures(string directory)
    {
        var set = new PluginFolderLoader(new PluginLoaderOptions()).LoadAll(directory);
        set.Plugins.Should().OnlyContain(p => p.State == PluginState.Failed);
        return set.ContextReferences;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IReadOnlyList<WeakReference> LoadIntoSnapshotAndUnload(string directory, StrongBox<ExtensionSnapshot?> inFlight)
    {
        var set = new PluginFolderLoader(new PluginLoaderOptions()).LoadAll(directory);
        inFlight.Value = BuildSnapshot(set);
        set.Unload();
        return set.ContextReferences;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Reviewer RouteRetailPop(StrongBox<ExtensionSnapshot?> inFlight)
        => inFlight.Value!.Single<IReviewRouter>(RetailPop).Instance
            .Route(new ReviewRoutingContext(RetailPop, AfterSaleType.RefundOnly, 1m, IdentitySettings.Empty));

    private static ExtensionSnapshot BuildSnapshot(PluginSet set)
    {
        var builder = KernelExtensionPoints.CreateBuilder();
        foreach (var plugin in set.Plugins)
        {
            foreach (var extension in plugin.Extensions)
            {
                builder.AddExtension(plugin.Origin, extension).Should().BeTrue();
            }
        }

        return builder.Build(generation: 1);
    }

    // Names the contexts still alive, for the failure message only (it briefly holds them strongly).
    private static string AliveNames(IReadOnlyList<WeakReference> references)
        => string.Join(", ", references.Select(r => (r.Target as AssemblyLoadContext)?.Name).OfType<string>());

    private static bool CollectUntilDead(IReadOnlyList<WeakReference> references, int attempts = MaxCollections)
    {
        for (var i = 0; i < attempts && references.Any(r => r.IsAlive); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return references.All(r => !r.IsAlive);
    }
}
