using System.Net;
using System.Text.Json;
using ReversePaas.Host.Tests.Support;

namespace ReversePaas.Host.Tests.Platform;

public sealed class PluginsApiTests
{
    [Fact]
    public async Task The_bundled_RetailPop_plugin_is_listed_as_loaded_with_its_extension()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.PluginsFolderWith(TestPaths.BundledPlugin("RetailPop")));

        var plugins = await (await host.SendAsync(HttpMethod.Get, "/api/v1/plugins", RunningHost.OpsKey)).ShouldBeJsonAsync();

        var retailPop = plugins.EnumerateArray().Single(p => p.GetProperty("id").GetString() == "retail-pop");
        retailPop.GetProperty("state").GetString().Should().Be("Loaded");
        retailPop.GetProperty("version").GetString().Should().Be("1.1.0");
        retailPop.GetProperty("error").ValueKind.Should().Be(JsonValueKind.Null);
        retailPop.GetProperty("extensions").EnumerateArray().Select(e => e.GetString()).Should().BeEquivalentTo("retail-pop.merchant-review", "retail-pop.merchant-confirmed-cancellation");
    }

    [Fact]
    public async Task Reload_swaps_the_extension_serving_an_identity_without_a_restart()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.PluginsFolderWith(TestPaths.BundledPlugin("RetailPop")));
        (await ReviewRouterOf(host, "retail.pop")).Should().Be(("retail-pop.merchant-review", "Declared"));

        var retailPopFolder = Path.Combine(host.PluginsDirectory, "RetailPop");
        var parked = Path.Combine(Path.GetDirectoryName(host.PluginsDirectory)!, "parked-RetailPop");
        Directory.Move(retailPopFolder, parked);
        var reload = await (await host.SendAsync(HttpMethod.Post, "/api/v1/plugins/reload", RunningHost.OpsKey)).ShouldBeJsonAsync();

        reload.GetProperty("generation").GetInt64().Should().Be(2);
        var removed = reload.GetProperty("plugins").EnumerateArray().Should().ContainSingle().Subject;
        removed.GetProperty("id").GetString().Should().Be("retail-pop");
        removed.GetProperty("state").GetString().Should().Be("Unloaded");
        (await ReviewRouterOf(host, "retail.pop")).Should().Be(("kernel.review.customer-service", "KernelDefault"));

        Directory.Move(parked, retailPopFolder);
        (await host.SendAsync(HttpMethod.Post, "/api/v1/plugins/reload", RunningHost.OpsKey)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReviewRouterOf(host, "retail.pop")).Should().Be(("retail-pop.merchant-review", "Declared"));
    }

    [Fact]
    public async Task A_failed_plugin_is_listed_with_its_error_while_the_others_load()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.PluginsFolderWith(
            TestPaths.BundledPlugin("RetailPop"), TestPaths.FixturePlugin("WrongSdkMajor")));

        var plugins = await (await host.SendAsync(HttpMethod.Get, "/api/v1/plugins", RunningHost.OpsKey)).ShouldBeJsonAsync();

        var states = plugins.EnumerateArray().ToDictionary(p => p.GetProperty("path").GetString()!.Split(Path.DirectorySeparatorChar)[^1], p => p);
        states["RetailPop"].GetProperty("state").GetString().Should().Be("Loaded");
        states["WrongSdkMajor"].GetProperty("state").GetString().Should().Be("Failed");
        states["WrongSdkMajor"].GetProperty("error").GetString().Should().Contain("2.0.0");
    }

    [Fact]
    public async Task Reload_with_broken_identity_mappings_changes_nothing_and_says_why()
    {
        var mappings = Path.Combine(Path.GetTempPath(), "reversepaas-tests", Guid.NewGuid().ToString("N"), "identity-mappings");
        TestPaths.CopyDirectory(TestPaths.Mappings, mappings);
        await using var host = await RunningHost.StartAsync(TestPaths.PluginsFolderWith(TestPaths.BundledPlugin("RetailPop")), mappings);

        await File.WriteAllTextAsync(Path.Combine(mappings, "identities.json"), "{ \"rules\": [ { \"identity\": \"Retail.POP\" } ] }");
        var response = await host.SendAsync(HttpMethod.Post, "/api/v1/plugins/reload", RunningHost.OpsKey);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("errors").EnumerateArray().Should().Contain(e => e.GetProperty("file").GetString() == "identities.json");
        (await ReviewRouterOf(host, "retail.pop")).Should().Be(("retail-pop.merchant-review", "Declared"));
    }

    private static async Task<(string Extension, string Source)> ReviewRouterOf(RunningHost host, string identity)
    {
        var flow = await (await host.SendAsync(HttpMethod.Get, $"/api/v1/catalog/identities/{identity}", RunningHost.OpsKey)).ShouldBeJsonAsync();
        var point = flow.GetProperty("activities").EnumerateArray()
            .SelectMany(a => a.GetProperty("points").EnumerateArray())
            .Single(p => p.GetProperty("code").GetString() == "review.router");
        return (point.GetProperty("extensions")[0].GetProperty("id").GetString()!, point.GetProperty("source").GetString()!);
    }
}
