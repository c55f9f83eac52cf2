using System.Net;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Tests.BusinessLines;

/// <summary>retail.self against other lines: WMS interception, trusted customers' small refunds, the 7-day window.</summary>
public sealed class RetailSelfTests
{
    [Fact]
    public async Task Cancelling_a_pushed_order_asks_the_wms_for_retail_self_but_the_merchant_for_retail_pop()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins);
        var api = new ReverseApi(host);
        var self = Orders.RetailSelf().Status("PendingShipment", "Pushed").Line(1, "A", 1, 30m);
        var pop = Orders.RetailPop().Status("PendingShipment", "Pushed").Line(1, "A", 1, 30m);
        await api.RegisterAsync(self);
        await api.RegisterAsync(pop);

        var selfCancel = (await api.OkAsync(HttpMethod.Post, $"/api/v1/orders/{self.OrderId}/cancel", RunningHost.UserKey, new { reason = "x" }, HttpStatusCode.Created)).As<AfterSaleResponse>();
        var popCancel = (await api.OkAsync(HttpMethod.Post, $"/api/v1/orders/{pop.OrderId}/cancel", RunningHost.UserKey, new { reason = "x" }, HttpStatusCode.Created)).As<AfterSaleResponse>();

        selfCancel.Status.Should().BeOneOf(AfterSaleStatus.PendingRefund, AfterSaleStatus.Completed);
        (await api.SimulatedCallsAsync(self.OrderId, "warehouse")).Select(c => c.Operation).Should().Equal("intercept");
        selfCancel.Capabilities.Should().Contain(c => c.Extension == "kernel.interception.warehouse");
        popCancel.Status.Should().Be(AfterSaleStatus.Intercepting);
        popCancel.ReviewBy.Should().Be("Merchant");
        (await api.SimulatedCallsAsync(pop.OrderId, "warehouse")).Should().BeEmpty();
        popCancel.Capabilities.Should().Contain(c => c.Extension == "retail-pop.merchant-confirmed-cancellation");
    }

    [Fact]
    public async Task A_trusted_customers_small_refund_approves_itself_on_retail_self_only()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins);
        var api = new ReverseApi(host);
        var self = Orders.RetailSelf().Trusted().Completed(DateTimeOffset.UtcNow).Line(1, "A", 1, 150m).Line(2, "B", 1, 250m);
        var pop = Orders.RetailPop().Trusted().Completed(DateTimeOffset.UtcNow).Line(1, "A", 1, 150m);
        var untrusted = Orders.RetailSelf().Completed(DateTimeOffset.UtcNow).Line(1, "A", 1, 150m);
        foreach (var order in new[] { self, pop, untrusted })
        {
            await api.RegisterAsync(order);
        }

        var selfSmall = await api.ApplyForAsync(self.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }]);
        var selfLarge = await api.ApplyForAsync(self.OrderId, "RefundOnly", [new { skuId = "B", quantity = 1 }]);
        var popSmall = await api.ApplyForAsync(pop.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }]);
        var notTrusted = await api.ApplyForAsync(untrusted.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }]);

        selfSmall.Status.Should().Be(AfterSaleStatus.PendingRefund, "150.00 ≤ 200.00, the amount bindings/retail.self.json sets");
        selfSmall.Timeline.Should().Contain(t => t.Note.Contains("trusted customer"));
        selfLarge.Status.Should().Be(AfterSaleStatus.PendingReview);
        popSmall.Status.Should().Be(AfterSaleStatus.PendingReview);
        notTrusted.Status.Should().Be(AfterSaleStatus.PendingReview);
    }

    [Fact]
    public async Task A_return_on_day_eight_is_refused_on_retail_self_and_accepted_on_bmall_intent()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins);
        var api = new ReverseApi(host);
        var delivered = DateTimeOffset.UtcNow.AddDays(-8);
        var self = Orders.RetailSelf().Completed(delivered).Line(1, "A", 1, 10m);
        var bmall = Orders.BMallIntent().Completed(delivered).Line(1, "A", 1, 10m);
        await api.RegisterAsync(self);
        await api.RegisterAsync(bmall);
        object[] lines = [new { skuId = "A", quantity = 1 }];

        var refused = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, new { orderId = self.OrderId, type = "ReturnRefund", lines });
        var accepted = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, new { orderId = bmall.OrderId, type = "ReturnRefund", lines });

        refused.Status.Should().Be(HttpStatusCode.Conflict);
        ((string)refused.Body!["reason"]!).Should().Be("not-eligible");
        ((string)refused.Body["detail"]!).Should().Contain("7 days");
        accepted.Status.Should().Be(HttpStatusCode.Created, accepted.Body?.ToJsonString());
    }
}
