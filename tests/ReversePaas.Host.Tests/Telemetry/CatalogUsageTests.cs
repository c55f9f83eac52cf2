using System.Net;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Tests.BusinessLines;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;

namespace ReversePaas.Host.Tests.Telemetry;

/// <summary>
/// <c>GET /api/v1/catalog/usage</c>: this host's recent calls per identity × point cell. A fresh host starts at zero, so
/// after known traffic a cell shows exactly the calls made; a plugin that throws shows its failures in its own cell.
/// The figures are per host (not the process-wide meter), so other hosts in the test process cannot change them.
/// </summary>
public abstract class CatalogUsageTests
{
    private const string Throwing = "throwing-at-runtime.refund-calculator";

    protected abstract Task<string> NewDatabaseAsync();

    [Fact]
    public async Task Usage_shows_the_exact_calls_of_a_cell_and_the_failures_of_a_throwing_plugin()
    {
        var plugins = TestPaths.PluginsFolderWith([.. Directory.GetDirectories(TestPaths.BundledPlugins), TestPaths.FixturePlugin("ThrowingAtRuntime")]);
        await using var host = await RunningHost.StartAsync(plugins, connectionString: await NewDatabaseAsync());
        var api = new ReverseApi(host);

        var before = await UsageAsync(api);
        before.Window.Should().Be(TimeSpan.FromMinutes(15));
        var eligibility = before.Cells.Single(c => c is { Identity: "retail.self", Point: "application.eligibility" });
        eligibility.Calls.Should().Be(0, "a fresh host has made no call");
        eligibility.P95Ms.Should().BeNull();
        before.Cells.Single(c => c is { Identity: "retail.pop", Point: "application.refund-calculator" }).Extension.Should().Be(Throwing);

        // Eligibility is asked once per application: three applications, three calls.
        for (var i = 0; i < 3; i++)
        {
            var order = Orders.RetailSelf().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 19.99m);
            await api.RegisterAsync(order);
            var created = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, Apply(order));
            created.Status.Should().Be(HttpStatusCode.Created, created.Body?.ToJsonString());
        }

        // The fixture throws on every call: two applications of retail.pop, two failed calls.
        for (var i = 0; i < 2; i++)
        {
            var order = Orders.RetailPop().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 19.99m);
            await api.RegisterAsync(order);
            var refused = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, Apply(order));
            refused.Status.Should().Be(HttpStatusCode.InternalServerError, refused.Body?.ToJsonString());
        }

        var after = await UsageAsync(api);
        var self = after.Cells.Single(c => c is { Identity: "retail.self", Point: "application.eligibility" });
        self.Should().BeEquivalentTo(eligibility with { Calls = 3, Failures = 0, P95Ms = self.P95Ms });
        self.P95Ms.Should().BeGreaterThan(0);
        var pop = after.Cells.Single(c => c is { Identity: "retail.pop", Point: "application.refund-calculator" });
        pop.Plugin.Should().Be("throwing-at-runtime");
        pop.Calls.Should().Be(2);
        pop.Failures.Should().Be(2);
        after.Cells.Where(c => c.Identity == "daojia.fresh").Should().OnlyContain(c => c.Calls == 0, "no daojia.fresh order was sent");
    }

    [Fact]
    public async Task Usage_is_for_the_catalog_readers_only()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync());

        (await host.SendAsync(HttpMethod.Get, "/api/v1/catalog/usage", RunningHost.CustomerServiceKey)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.SendAsync(HttpMethod.Get, "/api/v1/catalog/usage", RunningHost.UserKey)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await host.SendAsync(HttpMethod.Get, "/api/v1/catalog/usage", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    internal static async Task<CatalogUsageResponse> UsageAsync(ReverseApi api)
    {
        var body = await api.OkAsync(HttpMethod.Get, "/api/v1/catalog/usage", RunningHost.OpsKey);
        // camelCase on the wire, as every answer.
        body.AsObject().Select(p => p.Key).Should().Equal("at", "window", "cells");
        return body.As<CatalogUsageResponse>();
    }

    private static object Apply(OrderBuilder order) => ApplicationBodies.RefundOneBrokenA(order);
}
