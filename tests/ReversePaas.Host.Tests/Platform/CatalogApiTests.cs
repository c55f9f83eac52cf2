using System.Net;
using ReversePaas.CapabilityCatalog;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Plugins.Loading;


namespace ReversePaas.Host.Tests.Platform;

/// <summary>GET /api/v1/catalog and /maps/{identity}: content, formats, errors and who may read them.</summary>
public sealed class CatalogApiTests
{
    [Fact]
    public async Task The_catalog_shows_points_extensions_identities_plugins_and_problems_of_the_running_set()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.PluginsFolderWith(
            TestPaths.BundledPlugin("RetailSelf"), TestPaths.BundledPlugin("RetailPop"), TestPaths.BundledPlugin("DaojiaFresh"),
            TestPaths.BundledPlugin("BMallIntent"), TestPaths.FixturePlugin("BadManifest")));
        var api = new ReverseApi(host);

        var catalog = (await api.OkAsync(HttpMethod.Get, "/api/v1/catalog", RunningHost.CustomerServiceKey)).As<CatalogDocument>();

        catalog.Points.Select(p => p.Code).Should().HaveCount(12).And.Contain("application.interceptor").And.Contain("execution.after-sale-event");
        catalog.Extensions.Should().Contain(e => e.Id == "daojia-fresh.combined-pickup" && e.Plugin == "daojia-fresh");
        catalog.Identities.Select(i => i.Identity).Should().Contain(["retail.self", "retail.pop", "daojia.fresh", "bmall.intent", "default"]);
        var pop = catalog.FindIdentity("retail.pop")!;
        pop.Resolutions.Single(r => r.Point == "review.router").Source.Should().Be(ResolutionSource.Declared);
        catalog.Plugins.Single(p => p.Id == "BadManifest").State.Should().Be(PluginState.Failed);
        catalog.Problems.Should().Contain(p => p.Code == "plugin-failed" && p.Severity == ProblemSeverity.Error);
        catalog.Problems.Should().Contain(p => p.Code == "point-not-customised" && p.Point == "application.split-matcher");
    }

    [Theory]
    [InlineData("mermaid", "flowchart LR", "pt_review_router -- Declared --> ext_retail_pop_merchant_review")]
    [InlineData("dot", "digraph \"retail.pop\"", "pt_review_router -> ext_retail_pop_merchant_review")]
    [InlineData("markdown", "# retail.pop", "| `review.router` | Single | `retail-pop.merchant-review` | retail-pop |")]
    public async Task A_map_is_served_in_each_format(string format, string start, string edge)
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins);

        var response = await host.SendAsync(HttpMethod.Get, $"/api/v1/catalog/maps/retail.pop?format={format}", RunningHost.OpsKey);
        var text = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        text.Should().StartWith(start).And.Contain(edge);
    }

    [Fact]
    public async Task Bad_map_requests_are_problems_and_the_catalog_is_not_for_users()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins);

        (await host.SendAsync(HttpMethod.Get, "/api/v1/catalog/maps/retail.pop?format=svg", RunningHost.OpsKey)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await host.SendAsync(HttpMethod.Get, "/api/v1/catalog/maps/Retail..Pop", RunningHost.OpsKey)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await host.SendAsync(HttpMethod.Get, "/api/v1/catalog/maps/retail.unknown", RunningHost.OpsKey)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await host.SendAsync(HttpMethod.Get, "/api/v1/catalog", RunningHost.UserKey)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await host.SendAsync(HttpMethod.Get, "/api/v1/catalog", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
