using System.Net;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Tests.Telemetry;

/// <summary>
/// <c>GET /metrics</c> (API.md, Observability): public, Prometheus text, and the counts one flow causes show up under
/// API.md's names with the flow's labels, and nothing that names an order or an after-sale.
/// </summary>
[Collection(TelemetryTestGroup.Name)]
public abstract class MetricsTests
{
    private const string Identity = "retail.self";

    protected abstract Task<string> NewDatabaseAsync();

    [Fact]
    public async Task A_refund_flow_is_counted_under_its_type_identity_and_extensions_and_metrics_hold_no_ids()
    {
        var api = new ReverseApi(await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync()));
        await using var _ = api.Host;
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 40m);
        await api.RegisterAsync(order);
        var before = await ScrapeAsync(api);

        var sale = await api.ApplyForAsync(order.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1, refundAmount = 12.34m }]);
        await api.ActAsync(sale.AfterSaleId, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
        var done = await api.AwaitStatusAsync(sale.AfterSaleId, AfterSaleStatus.Completed, AfterSaleStatus.RefundFailed);
        done.Status.Should().Be(AfterSaleStatus.Completed);
        // The count follows the commit the status read already saw: wait for it rather than race it.
        PrometheusText after = before;
        await ReverseApi.WaitUntilAsync(async () =>
        {
            after = await ScrapeAsync(api);
            return Delta("reversepaas_refunds_completed_total", ("identity", Identity)) >= 1;
        }, "the refund to be counted");

        Delta("reversepaas_after_sales_opened_total", ("type", "RefundOnly"), ("identity", Identity)).Should().Be(1);
        Delta("reversepaas_refunds_completed_total", ("identity", Identity)).Should().Be(1);
        done.Capabilities.Should().NotBeEmpty();
        foreach (var capability in done.Capabilities)
        {
            (string, string)[] labels = [("point", capability.ExtensionPoint), ("identity", Identity), ("plugin", capability.Plugin), ("extension", capability.Extension), ("outcome", "ok")];
            Delta("reversepaas_extension_invocations_total", labels).Should().BeGreaterThanOrEqualTo(1, $"{capability.ExtensionPoint} ran ({capability.Extension})");
            Delta("reversepaas_extension_duration_seconds_count", labels).Should().BeGreaterThanOrEqualTo(1, "each call is timed");
        }

        after.Has("reversepaas_outbox_pending").Should().BeTrue();
        after.Has("http_server_request_duration_seconds_count").Should().BeTrue("ASP.NET Core's meters are exported");
        after.Samples.Should().Contain(s => s.Name.StartsWith("dotnet_", StringComparison.Ordinal), "the runtime's meters are exported");
        after.Text.Should().NotContain(sale.AfterSaleId).And.NotContain(order.OrderId).And.NotContain("u-1", "no user ids either");

        double Delta(string name, params (string, string)[] labels) => after.Sum(name, labels) - before.Sum(name, labels);
    }

    [Fact]
    public async Task Metrics_are_served_without_an_api_key()
    {
        var api = new ReverseApi(await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync()));
        await using var _ = api.Host;

        using var response = await api.Host.Client.GetAsync(new Uri("/metrics", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        PrometheusText.Parse(await response.Content.ReadAsStringAsync()).Has("reversepaas_outbox_pending").Should().BeTrue();
    }

    [Fact]
    public async Task With_metrics_off_there_is_no_metrics_endpoint_and_the_api_still_serves()
    {
        var api = new ReverseApi(await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync(), settings: "OpenTelemetry:Metrics=false"));
        await using var _ = api.Host;

        // With a key: without one, any path that is not public answers 401 first.
        using var response = await api.Host.SendAsync(HttpMethod.Get, "/metrics", RunningHost.OpsKey);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var order = new OrderBuilder().Line(1, "A", 1, 10m);
        await api.RegisterAsync(order);
    }

    private static async Task<PrometheusText> ScrapeAsync(ReverseApi api)
    {
        using var response = await api.Host.Client.GetAsync(new Uri("/metrics", UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }
}
