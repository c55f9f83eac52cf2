using System.Net;
using ReversePaas.Host.Tests.Support;

namespace ReversePaas.Host.Tests.Flows;

public sealed class ConflictTests
{
    [Fact]
    public async Task Two_plugins_claiming_the_same_point_and_identity_make_the_host_unready_and_the_catalog_name_both()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.PluginsFolderWith(
            TestPaths.BundledPlugin("RetailPop"), TestPaths.FixturePlugin("ConflictingPop")));

        var ready = await (await host.SendAsync(HttpMethod.Get, "/readyz", apiKey: null)).ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        ready.GetProperty("detail").GetString().Should().Contain("retail-pop.merchant-review").And.Contain("conflicting-pop.review");

        var flow = await (await host.SendAsync(HttpMethod.Get, "/api/v1/catalog/identities/retail.pop", RunningHost.OpsKey)).ShouldBeJsonAsync();
        var point = ReviewRouter(flow);
        point.GetProperty("source").GetString().Should().Be("Conflict");
        point.GetProperty("extensions").EnumerateArray().Select(e => e.GetProperty("id").GetString())
            .Should().Equal("conflicting-pop.review", "retail-pop.merchant-review");
        point.GetProperty("conflict").GetString().Should().Contain("bindings/retail.pop.json");

        var others = await (await host.SendAsync(HttpMethod.Get, "/api/v1/catalog/identities/retail.self", RunningHost.OpsKey)).ShouldBeJsonAsync();
        ReviewRouter(others).GetProperty("source").GetString().Should().Be("KernelDefault");
    }

    private static System.Text.Json.JsonElement ReviewRouter(System.Text.Json.JsonElement flow)
        => flow.GetProperty("activities").EnumerateArray()
            .SelectMany(a => a.GetProperty("points").EnumerateArray())
            .Single(p => p.GetProperty("code").GetString() == "review.router");
}
