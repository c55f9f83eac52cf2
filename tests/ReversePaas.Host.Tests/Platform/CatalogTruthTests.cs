using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using ReversePaas.CapabilityCatalog;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Sdk;


namespace ReversePaas.Host.Tests.Platform;

/// <summary>
/// The catalog never disagrees with what runs: for every identity × extension point, the extension the catalog
/// names is the one the dispatcher's own tables hand out (Single) or run (Chain) — before and after a reload.
/// </summary>
public sealed class CatalogTruthTests
{
    [Fact]
    public async Task For_every_identity_and_point_the_catalog_names_what_dispatch_runs_before_and_after_a_reload()
    {
        var folder = TestPaths.PluginsFolderWith(
            TestPaths.BundledPlugin("RetailSelf"), TestPaths.BundledPlugin("RetailPop"), TestPaths.BundledPlugin("DaojiaFresh"),
            TestPaths.BundledPlugin("BMallIntent"), TestPaths.FixturePlugin("ConflictingPop"));
        await using var host = await RunningHost.StartAsync(folder);
        var api = new ReverseApi(host);

        var checkedPairs = await AssertCatalogMatchesDispatchAsync(api, host);
        checkedPairs.Should().BeGreaterThan(50, "every identity × every point is compared");

        Directory.Delete(Path.Combine(host.PluginsDirectory, "DaojiaFresh"), recursive: true);
        Directory.Delete(Path.Combine(host.PluginsDirectory, "ConflictingPop"), recursive: true);
        await api.OkAsync(HttpMethod.Post, "/api/v1/plugins/reload", RunningHost.OpsKey);

        await AssertCatalogMatchesDispatchAsync(api, host);
    }

    private static async Task<int> AssertCatalogMatchesDispatchAsync(ReverseApi api, RunningHost host)
    {
        var catalog = (await api.OkAsync(HttpMethod.Get, "/api/v1/catalog", RunningHost.OpsKey)).As<CatalogDocument>();
        var snapshot = host.Services.GetRequiredService<ExtensionRuntime>().Current;
        catalog.Generation.Should().Be(snapshot.Generation);
        var contracts = snapshot.Points.ToDictionary(p => p.Code, p => p.Contract);
        var pairs = 0;
        foreach (var identity in catalog.Identities)
        {
            var name = BusinessIdentity.Parse(identity.Identity);
            foreach (var resolution in identity.Resolutions)
            {
                var point = resolution.Point;
                var named = resolution.Extensions.ToArray();
                var dispatched = Dispatch(snapshot, contracts[point], resolution.Combine, name);
                if (resolution.Source == ResolutionSource.Conflict)
                {
                    dispatched.Should().BeNull($"{name} × {point} is a conflict in the catalog, so dispatch must refuse it");
                }
                else
                {
                    dispatched.Should().Equal(named, $"{name} × {point}");
                }

                pairs++;
            }
        }

        return pairs;
    }

    // What the dispatcher hands out, read from the instances it returns (their [Extension] ids), not from its bookkeeping.
    private static string[]? Dispatch(ExtensionSnapshot snapshot, Type contract, CombineMode combine, BusinessIdentity identity)
    {
        var method = typeof(ExtensionSnapshot).GetMethod(combine == CombineMode.Chain ? nameof(ExtensionSnapshot.Chain) : nameof(ExtensionSnapshot.Single))!.MakeGenericMethod(contract);
        object resolved;
        try
        {
            resolved = method.Invoke(snapshot, [identity])!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is ExtensionConflictException)
        {
            return null;
        }

        object[] instances;
        if (combine == CombineMode.Chain)
        {
            var count = (int)resolved.GetType().GetProperty("Count")!.GetValue(resolved)!;
            var item = resolved.GetType().GetProperty("Item")!;
            instances = [.. Enumerable.Range(0, count).Select(i => item.GetValue(resolved, [i])!)];
        }
        else
        {
            instances = [resolved.GetType().GetProperty("Instance")!.GetValue(resolved)!];
        }

        return [.. instances.Select(i => i.GetType().GetCustomAttribute<ExtensionAttribute>()!.Id)];
    }
}
