using System.Net;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Tests.BusinessLines;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Plugins.Loading;
using Xunit.Abstractions;

namespace ReversePaas.Host.Tests.Drills;

/// <summary>
/// Drill: a plugin that loads cleanly but throws at run time (the fixture <c>ThrowingAtRuntime</c>, the
/// <c>application.refund-calculator</c> of retail.pop). Only retail.pop's applications fail, with a problem that names
/// the plugin and the extension; nothing of them is written; the other business lines keep working on the same host;
/// the host stays ready (a plugin failing per request is not a reason to take the host out of rotation).
/// </summary>
public sealed class PluginRuntimeFailureDrill(ITestOutputHelper log)
{
    private const string PluginId = "throwing-at-runtime";
    private const string ExtensionId = "throwing-at-runtime.refund-calculator";

    [Fact]
    public async Task A_plugin_throwing_at_run_time_fails_only_its_identity_and_the_problem_names_the_plugin()
    {
        // The bundled plugins as the host ships them, plus the fixture, in a folder of this test's own.
        var plugins = TestPaths.PluginsFolderWith([.. Directory.GetDirectories(TestPaths.BundledPlugins), TestPaths.FixturePlugin("ThrowingAtRuntime")]);
        await using var host = await RunningHost.StartAsync(plugins);
        var api = new ReverseApi(host);

        // The fault is only at run time: the fixture loads, and it is what serves retail.pop's refund calculator.
        var loaded = (await api.OkAsync(HttpMethod.Get, "/api/v1/plugins", RunningHost.OpsKey)).As<PluginResponse[]>();
        loaded.Single(p => p.Id == PluginId).State.Should().Be(PluginState.Loaded);
        (await api.SendAsync(HttpMethod.Get, "/readyz", null)).Status.Should().Be(HttpStatusCode.OK, "a plugin that loads cleanly leaves the host ready");

        var pop = Orders.RetailPop().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 19.99m);
        var self = Orders.RetailSelf().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 19.99m);
        var fresh = Orders.DaojiaFresh().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 19.99m);
        foreach (var order in new[] { pop, self, fresh })
        {
            await api.RegisterAsync(order);
        }

        // The same request for each business line (a photo so that daojia.fresh's evidence rule lets it through).
        object Apply(OrderBuilder order) => new
        {
            orderId = order.OrderId,
            type = "RefundOnly",
            reason = "broken",
            lines = new[] { new { skuId = "A", quantity = 1 } },
            evidence = new[] { "https://img.example/broken.jpg" },
        };

        var (status, problem, response) = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, Apply(pop));
        log.WriteLine($"retail.pop: {(int)status} {problem?.ToJsonString()}");
        status.Should().Be(HttpStatusCode.InternalServerError, problem?.ToJsonString());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        ((string)problem!["type"]!).Should().EndWith("/problems/extension-failed");
        ((string)problem["plugin"]!).Should().Be(PluginId);
        ((string)problem["pluginVersion"]!).Should().Be("1.0.0");
        ((string)problem["extension"]!).Should().Be(ExtensionId);
        ((string)problem["detail"]!).Should().Contain("application.refund-calculator").And.Contain("retail.pop").And.Contain("fixture: pricing service down");

        // A retry fails the same way: the failed attempt left nothing behind that would change the answer.
        var retry = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, Apply(pop), idempotencyKey: $"drill-{Guid.NewGuid():N}");
        retry.Status.Should().Be(HttpStatusCode.InternalServerError, retry.Body?.ToJsonString());

        // Nothing written for the failed identity: no after-sale, nothing reserved.
        (await api.ListAsync(RunningHost.OpsKey, $"?orderId={pop.OrderId}")).Total.Should().Be(0);
        var popLedger = (await api.OrderAsync(pop.OrderId)).Ledger;
        popLedger.Reserved.Should().Be(0m);
        popLedger.Refundable.Should().Be(39.98m);

        // The other business lines on the same host, the same moment, the same request: created and reserved.
        foreach (var (order, identity) in new[] { (self, "retail.self"), (fresh, "daojia.fresh") })
        {
            var created = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, Apply(order));
            log.WriteLine($"{identity}: {(int)created.Status}");
            created.Status.Should().Be(HttpStatusCode.Created, $"{identity} is not served by the failing plugin: {created.Body?.ToJsonString()}");
            created.Body!.As<AfterSaleResponse>().RefundAmount.Should().Be(19.99m);
            (await api.OrderAsync(order.OrderId)).Ledger.Reserved.Should().Be(19.99m);
        }

        // Still ready, and the extensions check still healthy: the failure is per request, not per host.
        var (readyStatus, ready, _) = await api.SendAsync(HttpMethod.Get, "/readyz", null);
        log.WriteLine($"/readyz: {(int)readyStatus} {ready?.ToJsonString()}");
        readyStatus.Should().Be(HttpStatusCode.OK, ready?.ToJsonString());
        ready!["checks"]!.AsArray().Single(c => (string)c!["name"]! == "extensions")!["status"]!.GetValue<string>().Should().Be("Healthy");
    }
}
