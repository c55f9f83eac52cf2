using System.Net;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Tests.BusinessLines;

/// <summary>bmall.intent against retail lines: whole-order claims, the account manager's review, refunds to the corporate account.</summary>
public sealed class BMallIntentTests
{
    [Fact]
    public async Task A_partial_claim_is_refused_on_bmall_intent_and_accepted_on_retail_self()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins);
        var api = new ReverseApi(host);
        var bmall = Orders.BMallIntent().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 100m);
        var unshipped = Orders.BMallIntent().Status("PendingShipment", "NotPushed").Line(1, "A", 2, 100m);
        var self = Orders.RetailSelf().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 100m);
        foreach (var order in new[] { bmall, unshipped, self })
        {
            await api.RegisterAsync(order);
        }

        object Partial(OrderBuilder order, string type) => new { orderId = order.OrderId, type, lines = new[] { new { skuId = "A", quantity = 1 } } };
        var partialReturn = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, Partial(bmall, "ReturnRefund"));
        var partialCancel = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, Partial(unshipped, "RefundOnly"));
        var selfPartial = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, Partial(self, "ReturnRefund"));

        partialReturn.Status.Should().Be(HttpStatusCode.Conflict);
        ((string)partialReturn.Body!["detail"]!).Should().Contain("whole").And.Contain("bmall-intent.whole-order-only");
        partialCancel.Status.Should().Be(HttpStatusCode.Conflict);
        selfPartial.Status.Should().Be(HttpStatusCode.Created);
        var whole = await api.ApplyForAsync(bmall.OrderId, "ReturnRefund", [new { skuId = "A", quantity = 2 }]);
        whole.RefundAmount.Should().Be(200m);
        var cancelled = (await api.OkAsync(HttpMethod.Post, $"/api/v1/orders/{unshipped.OrderId}/cancel", RunningHost.UserKey, new { reason = "x" }, HttpStatusCode.Created)).As<AfterSaleResponse>();
        cancelled.Lines[0].Quantity.Should().Be(2, "a cancellation always takes the whole order");
    }

    [Fact]
    public async Task The_account_manager_reviews_bmall_while_the_merchant_reviews_pop_and_the_refund_goes_to_the_corporate_account()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins);
        var api = new ReverseApi(host);
        var bmall = Orders.BMallIntent().Completed(DateTimeOffset.UtcNow).Line(1, "A", 1, 80m);
        var pop = Orders.RetailPop().Completed(DateTimeOffset.UtcNow).Line(1, "A", 1, 80m);
        var self = Orders.RetailSelf().Completed(DateTimeOffset.UtcNow).Line(1, "A", 1, 80m);
        foreach (var order in new[] { bmall, pop, self })
        {
            await api.RegisterAsync(order);
        }

        var bmallSale = await api.ApplyForAsync(bmall.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }]);
        var popSale = await api.ApplyForAsync(pop.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }]);
        var selfSale = await api.ApplyForAsync(self.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }]);

        bmallSale.ReviewBy.Should().Be("CustomerService");
        popSale.ReviewBy.Should().Be("Merchant");
        (await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{bmallSale.AfterSaleId}/review", RunningHost.MerchantKey, new { decision = "Approve" })).Status.Should().Be(HttpStatusCode.Forbidden);
        var routing = (await api.OkAsync(HttpMethod.Get, "/api/v1/catalog/identities/bmall.intent", RunningHost.OpsKey)).As<IdentityFlowResponse>();
        var router = routing.Activities.SelectMany(a => a.Points).Single(p => p.Code == "review.router");
        router.Source.Should().Be(ResolutionSource.Binding, "bindings/bmall.intent.json binds the account manager's review");

        foreach (var id in new[] { bmallSale.AfterSaleId, selfSale.AfterSaleId })
        {
            await api.ActAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Approve", comment = "account manager approves" });
            await api.AwaitStatusAsync(id, AfterSaleStatus.Completed);
        }

        (await api.SimulatedCallsAsync(bmall.OrderId, "payment"))[0].Detail.Should().Be("CorporateAccount");
        (await api.SimulatedCallsAsync(self.OrderId, "payment"))[0].Detail.Should().Be("OriginalMethod");
    }
}
