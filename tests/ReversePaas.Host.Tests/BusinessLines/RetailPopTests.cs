using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Kernel.Activities;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Tests.BusinessLines;

/// <summary>retail.pop: the merchant confirms cancellations; unanswered reviews approve themselves after 48 h.</summary>
public sealed class RetailPopTests
{
    [Fact]
    public async Task The_merchant_confirming_a_cancellation_cancels_and_refunds_and_refusing_it_keeps_the_order()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins);
        var api = new ReverseApi(host);
        var confirmed = Orders.RetailPop().Status("PendingShipment", "NotPushed").Freight(5m).Line(1, "A", 1, 30m);
        var refused = Orders.RetailPop().Status("PendingShipment", "NotPushed").Line(1, "A", 1, 30m);
        await api.RegisterAsync(confirmed);
        await api.RegisterAsync(refused);
        var yes = (await api.OkAsync(HttpMethod.Post, $"/api/v1/orders/{confirmed.OrderId}/cancel", RunningHost.UserKey, new { reason = "x" }, HttpStatusCode.Created)).As<AfterSaleResponse>().AfterSaleId;
        var no = (await api.OkAsync(HttpMethod.Post, $"/api/v1/orders/{refused.OrderId}/cancel", RunningHost.UserKey, new { reason = "x" }, HttpStatusCode.Created)).As<AfterSaleResponse>().AfterSaleId;

        (await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{yes}/review", RunningHost.OtherMerchantKey, new { decision = "Approve" })).Status.Should().Be(HttpStatusCode.NotFound);
        await api.ActAsync(yes, "review", RunningHost.MerchantKey, new { decision = "Approve", comment = "not shipped yet" });
        await api.ActAsync(no, "review", RunningHost.MerchantKey, new { decision = "Reject", comment = "already with the courier" });

        var done = await api.AwaitStatusAsync(yes, AfterSaleStatus.Completed);
        done.RefundAmount.Should().Be(35m);
        (await api.OrderAsync(confirmed.OrderId)).Status.Should().Be(OrderStatus.Cancelled);
        (await api.SaleAsync(no)).Status.Should().Be(AfterSaleStatus.InterceptionFailed);
        var kept = await api.OrderAsync(refused.OrderId);
        kept.Status.Should().Be(OrderStatus.PendingShipment);
        kept.Ledger.Refundable.Should().Be(30m);
    }

    [Fact]
    public async Task An_unanswered_pop_review_approves_itself_after_48_hours_and_a_self_review_never_does()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, null, clock);
        var api = new ReverseApi(host);
        var pop = Orders.RetailPop().Completed(clock.GetUtcNow()).Line(1, "A", 1, 10m);
        var self = Orders.RetailSelf().Completed(clock.GetUtcNow()).Line(1, "A", 1, 10m);
        await api.RegisterAsync(pop);
        await api.RegisterAsync(self);
        var popSale = (await api.ApplyForAsync(pop.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }])).AfterSaleId;
        var selfSale = (await api.ApplyForAsync(self.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }])).AfterSaleId;

        var deadline = clock.GetUtcNow().AddHours(48);
        await ReverseApi.WaitUntilAsync(async () => await api.DeadlineAsync("review-timeout", popSale) == deadline, "the pop review's deadline at 48 h");
        (await api.DeadlineAsync("review-timeout", selfSale)).Should().BeNull("retail.self sets no review timeout");

        clock.Advance(TimeSpan.FromHours(48) - TimeSpan.FromSeconds(1));
        (await ApproveUnansweredAsync(host, popSale)).RetryAt.Should().Be(deadline, "one second before the deadline nothing is approved");
        (await api.SaleAsync(popSale)).Status.Should().Be(AfterSaleStatus.PendingReview);

        clock.Advance(TimeSpan.FromSeconds(1));
        var approved = await api.AwaitStatusAsync(popSale, AfterSaleStatus.PendingRefund, AfterSaleStatus.Completed);

        approved.Timeline.Should().Contain(t => t.Note.Contains("review.timeoutHours"));
        clock.Advance(TimeSpan.FromDays(30));
        (await ApproveUnansweredAsync(host, selfSale)).Should().Be(DeadlineOutcome.Done);
        (await api.SaleAsync(selfSale)).Status.Should().Be(AfterSaleStatus.PendingReview);
    }

    private static async Task<DeadlineOutcome> ApproveUnansweredAsync(RunningHost host, string afterSaleId)
    {
        // What the review-timeout job runs: called here directly to fire it at a moment the test chooses.
        using var scope = host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<Deadlines>().RunAsync(DeadlineKind.ReviewTimeout, afterSaleId, default);
    }
}
