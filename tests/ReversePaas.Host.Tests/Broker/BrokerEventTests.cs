using System.Net;
using ReversePaas.Host.Tests.BusinessLines;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Sdk.Orders;
using Xunit.Abstractions;

namespace ReversePaas.Host.Tests.Broker;

/// <summary>
/// Events out on RabbitMQ (API.md "Events on a message broker") against the node eng/start-rabbitmq.sh starts: a test
/// queue bound to <c>reversepaas.events</c> hears every status change of an after-sale once (after dedupe by id), in
/// the timeline's order, and the refund with its exact amount; a broker outage in the middle of a flow loses none of
/// them and holds up nothing.
/// </summary>
public abstract class BrokerEventTests(ITestOutputHelper log)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);

    protected abstract Task<string> NewDatabaseAsync();

    [Fact]
    public async Task A_return_flow_publishes_every_status_change_once_in_order_and_the_refund()
    {
        await using var tap = await EventTap.OpenAsync();
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, await NewDatabaseAsync(), $"RabbitMq:Uri={TestRabbitMq.Uri}");
        var api = new ReverseApi(host);

        var (order, done) = await RunRefundFlowAsync(api, beforeApplying: () => Task.CompletedTask);

        await AssertPublishedAsync(tap, order.OrderId, done);
    }

    [Fact]
    public async Task A_broker_outage_in_the_middle_of_a_flow_loses_nothing_and_readyz_says_degraded()
    {
        await using var tap = await EventTap.OpenAsync();
        await using var relay = new TcpRelay(TestRabbitMq.Uri);
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, await NewDatabaseAsync(), $"RabbitMq:Uri={relay.Uri(TestRabbitMq.Uri)}");
        var api = new ReverseApi(host);

        var (order, done) = await RunRefundFlowAsync(api, beforeApplying: async () =>
        {
            // The order's registration went out; then the broker goes away for the whole after-sale.
            await ReverseApi.WaitUntilAsync(() => Task.FromResult(tap.Received.Any(e => e.Type == "reversepaas.order.status-changed")), "the order's event", Generous);
            relay.Cut();
        });

        // The flow went on without the broker (execution is not held up by it), and /readyz says so.
        await ReverseApi.WaitUntilAsync(async () => await BrokerCheckAsync(host) == "Degraded", "the broker check Degraded", Generous);
        var (status, _, _) = await api.SendAsync(HttpMethod.Get, "/readyz", key: null);
        status.Should().Be(HttpStatusCode.OK, "a broker outage degrades the host, it does not take it out of service");
        tap.About(done.AfterSaleId).Should().BeEmpty("nothing of the after-sale could be published during the outage");

        relay.Restore();
        await AssertPublishedAsync(tap, order.OrderId, done);

        // The inbound consumer connected again too: an event sent now is handled (this one, to a dead letter).
        await using var inbound = await InboundSender.OpenAsync();
        var probe = await inbound.SendAsync("reversepaas.warehouse.received", "AS-NO-SUCH-SALE", new { lines = new[] { new { lineNo = 1, quantity = 1 } } });
        (await inbound.DeadReasonAsync(probe)).Should().Contain("unknown after-sale");
        await ReverseApi.WaitUntilAsync(async () => await BrokerCheckAsync(host) == "Healthy", "the broker check Healthy again", Generous);
    }

    [Fact]
    public async Task An_event_carries_the_traceparent_of_the_request_that_made_its_change()
    {
        await using var tap = await EventTap.OpenAsync();
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, await NewDatabaseAsync(), $"RabbitMq:Uri={TestRabbitMq.Uri}");
        var api = new ReverseApi(host);
        var order = Orders.RetailSelf().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 19.99m);
        await api.RegisterAsync(order);
        var traceId = System.Diagnostics.ActivityTraceId.CreateRandom().ToHexString();

        using var request = RunningHost.Request(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey);
        request.Headers.Add("traceparent", $"00-{traceId}-{System.Diagnostics.ActivitySpanId.CreateRandom().ToHexString()}-01");
        request.Content = System.Net.Http.Json.JsonContent.Create(new { orderId = order.OrderId, type = "ReturnRefund", reason = "broken", lines = new[] { new { skuId = "A", quantity = 1 } } });
        using var response = await host.Client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var afterSaleId = (string)System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["afterSaleId"]!;

        await ReverseApi.WaitUntilAsync(() => Task.FromResult(tap.About(afterSaleId).Count > 0), "the application's event", Generous);
        var opened = tap.About(afterSaleId)[0];
        opened.Status.Should().Be("PendingReview");
        ((string?)opened.Event["traceparent"]).Should().MatchRegex($"^00-{traceId}-[0-9a-f]{{16}}-0[01]$", "the event continues the trace of the request that opened the after-sale");
    }

    private static async Task<(OrderBuilder Order, Contracts.AfterSaleResponse Done)> RunRefundFlowAsync(ReverseApi api, Func<Task> beforeApplying)
    {
        var order = Orders.RetailSelf().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 19.99m);
        await api.RegisterAsync(order);
        await beforeApplying();
        var sale = await api.ApplyForAsync(order.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }]);
        if (sale.Status != AfterSaleStatus.PendingRefund)
        {
            await api.ActAsync(sale.AfterSaleId, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
        }

        return (order, await api.AwaitStatusAsync(sale.AfterSaleId, AfterSaleStatus.Completed));
    }

    private async Task AssertPublishedAsync(EventTap tap, string orderId, Contracts.AfterSaleResponse done)
    {
        var expected = StatusChanges([.. done.Timeline.Select(t => t.Status.ToString())]);
        await ReverseApi.WaitUntilAsync(
            () => Task.FromResult(tap.About(done.AfterSaleId).Any(e => e.Status == "Completed") && tap.About(done.AfterSaleId).Any(e => e.Type == "reversepaas.refund.completed")),
            "the completion and the refund published", Generous);
        var events = tap.About(done.AfterSaleId);
        log.WriteLine($"timeline: {string.Join(" → ", done.Timeline.Select(t => t.Status))}");
        log.WriteLine($"published: {string.Join(", ", events.Select(e => $"{e.Type}:{e.Id}:{e.Status}"))}");

        events.Should().AllSatisfy(e =>
        {
            e.ContentType.Should().Be("application/cloudevents+json");
            e.DeliveryMode.Should().Be(RabbitMQ.Client.DeliveryModes.Persistent);
            e.RoutingKey.Should().Be(e.Type);
            ((string?)e.Event["specversion"]).Should().Be("1.0");
            ((string?)e.Event["source"]).Should().NotBeNullOrEmpty();
        });
        var changes = events.Where(e => e.Type == "reversepaas.after-sale.status-changed").DistinctBy(e => e.Id).ToList();
        changes.Select(e => e.Status).Should().Equal(expected, "every status change once, in the timeline's order");
        changes.Should().AllSatisfy(e => ((string?)e.Event["data"]!["afterSaleId"]).Should().Be(done.AfterSaleId));

        var refund = events.Where(e => e.Type == "reversepaas.refund.completed").DistinctBy(e => e.Id).Should().ContainSingle().Subject;
        var data = refund.Event["data"]!;
        ((string?)data["afterSaleId"]).Should().Be(done.AfterSaleId);
        ((string?)data["orderId"]).Should().Be(orderId);
        ((decimal)data["amount"]!).Should().Be(done.RefundAmount).And.Be(19.99m);
        ((string?)data["currency"]).Should().Be("CNY");

        var orderEvents = tap.About(orderId);
        orderEvents.Should().NotBeEmpty().And.AllSatisfy(e => ((string?)e.Event["data"]!["orderId"]).Should().Be(orderId));
    }

    private static async Task<string?> BrokerCheckAsync(RunningHost host)
    {
        var body = await host.Client.GetStringAsync(new Uri("/readyz", UriKind.Relative));
        var checks = System.Text.Json.Nodes.JsonNode.Parse(body)!["checks"]!.AsArray();
        return (string?)checks.FirstOrDefault(c => (string?)c!["name"] == "broker")?["status"];
    }

    // The timeline's statuses as changes: each entry whose status differs from the one before.
    private static List<string> StatusChanges(List<string> statuses)
        => [.. statuses.Where((s, i) => i == 0 || s != statuses[i - 1])];
}
