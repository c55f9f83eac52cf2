using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Tests.BusinessLines;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Kernel.Activities;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Tests.Flows;

/// <summary>
/// A paid cancellation refunds everything the order still has, and nothing can be left claimable by nobody once the
/// order is <c>Cancelled</c>. The sequences here each stranded money before the fix (found by the multi-host race
/// test). Every order is A 2 × 10.00 + B 1 × 5.00, paid 25.00.
/// </summary>
public sealed class CancellationClaimTests
{
    [Fact]
    public async Task A_cancellation_waits_for_an_undecided_refund_and_afterwards_refunds_everything_left()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins);
        var api = new ReverseApi(host);
        var order = TwoLines(Orders.RetailSelf());
        await api.RegisterAsync(order);
        var pending = (await api.ApplyForAsync(order.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }])).AfterSaleId;

        var refused = await api.SendAsync(HttpMethod.Post, CancelPath(order), RunningHost.UserKey, new { reason = "changed my mind" });

        var problem = await refused.Response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("reason").GetString().Should().Be("open-after-sales");
        problem.GetProperty("detail").GetString().Should().Contain(pending).And.Contain("PendingReview");
        await LedgerShouldBeAsync(api, order, refunded: 0m, reserved: 10m);
        (await api.OrderAsync(order.OrderId)).Status.Should().Be(OrderStatus.PendingShipment);

        // Before the fix the cancellation took 15.00 here, and rejecting this refund left 10.00 nobody could claim.
        await api.ActAsync(pending, "review", RunningHost.CustomerServiceKey, new { decision = "Reject", comment = "no" });
        var cancel = (await api.OkAsync(HttpMethod.Post, CancelPath(order), RunningHost.UserKey, new { reason = "changed my mind" }, HttpStatusCode.Created)).As<AfterSaleResponse>();

        cancel.RefundAmount.Should().Be(25.00m);
        await api.AwaitStatusAsync(cancel.AfterSaleId, AfterSaleStatus.Completed);
        await LedgerShouldBeAsync(api, order, refunded: 25.00m, reserved: 0m);
        (await api.OrderAsync(order.OrderId)).Status.Should().Be(OrderStatus.Cancelled);
    }

    [Fact]
    public async Task A_cancellation_after_partial_refunds_refunds_what_is_left_of_their_lines_to_the_cent()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins);
        var api = new ReverseApi(host);
        var oneUnit = TwoLines(Orders.RetailSelf());
        var bothUnits = TwoLines(Orders.RetailSelf());
        await api.RegisterAsync(oneUnit);
        await api.RegisterAsync(bothUnits);
        await RefundPartlyAsync(api, oneUnit, quantity: 1, amount: 2.00m);
        await RefundPartlyAsync(api, bothUnits, quantity: 2, amount: 3.01m);

        var first = (await api.OkAsync(HttpMethod.Post, CancelPath(oneUnit), RunningHost.UserKey, new { reason = "late" }, HttpStatusCode.Created)).As<AfterSaleResponse>();
        var second = (await api.OkAsync(HttpMethod.Post, CancelPath(bothUnits), RunningHost.UserKey, new { reason = "late" }, HttpStatusCode.Created)).As<AfterSaleResponse>();

        // Line A: the unit nobody claimed (10.00) and the 8.00 the price-difference refund left of the other one.
        first.RefundAmount.Should().Be(23.00m);
        LinesOf(first).Should().Equal((1, 1, 18.00m), (2, 1, 5.00m));
        // Both units of A were claimed by the partial refund: the cancellation claims no unit of A, only its 16.99.
        second.RefundAmount.Should().Be(21.99m);
        LinesOf(second).Should().Equal((1, 0, 16.99m), (2, 1, 5.00m));
        await api.AwaitStatusAsync(first.AfterSaleId, AfterSaleStatus.Completed);
        await api.AwaitStatusAsync(second.AfterSaleId, AfterSaleStatus.Completed);
        await LedgerShouldBeAsync(api, oneUnit, refunded: 25.00m, reserved: 0m);
        await LedgerShouldBeAsync(api, bothUnits, refunded: 25.00m, reserved: 0m);
    }

    [Fact]
    public async Task A_second_cancellation_is_refused_while_the_first_waits_for_the_merchant()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins);
        var api = new ReverseApi(host);
        var order = TwoLines(Orders.RetailPop());
        await api.RegisterAsync(order);
        var first = (await api.OkAsync(HttpMethod.Post, CancelPath(order), RunningHost.UserKey, new { reason = "x" }, HttpStatusCode.Created)).As<AfterSaleResponse>().AfterSaleId;

        var again = await api.SendAsync(HttpMethod.Post, CancelPath(order), RunningHost.CustomerServiceKey, new { reason = "y" });

        var problem = await again.Response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("reason").GetString().Should().Be("open-after-sales");
        problem.GetProperty("detail").GetString().Should().Contain(first);
        await LedgerShouldBeAsync(api, order, refunded: 0m, reserved: 25.00m);
        await api.ActAsync(first, "review", RunningHost.MerchantKey, new { decision = "Approve" });
        await api.AwaitStatusAsync(first, AfterSaleStatus.Completed);
        await LedgerShouldBeAsync(api, order, refunded: 25.00m, reserved: 0m);
    }

    [Fact]
    public async Task A_cancellation_the_merchant_leaves_unanswered_until_the_order_shipped_fails_at_its_timeout_and_releases_the_money()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, null, clock);
        var api = new ReverseApi(host);
        var order = TwoLines(Orders.RetailPop());
        await api.RegisterAsync(order);
        var cancel = (await api.OkAsync(HttpMethod.Post, CancelPath(order), RunningHost.UserKey, new { reason = "x" }, HttpStatusCode.Created)).As<AfterSaleResponse>().AfterSaleId;
        await api.OkAsync(HttpMethod.Post, $"/api/v1/orders/{order.OrderId}/status", RunningHost.SystemKey, new { status = "Shipped", warehouseStage = "Packed" });

        clock.Advance(TimeSpan.FromHours(48));
        using (var scope = host.Services.CreateScope())
        {
            // What the review-timeout job runs. Before the fix it was refused (the order is not pending shipment) on every run, for ever.
            var outcome = await scope.ServiceProvider.GetRequiredService<Deadlines>().RunAsync(DeadlineKind.ReviewTimeout, cancel, default);
            outcome.Should().Be(DeadlineOutcome.Done);
        }

        var failed = await api.SaleAsync(cancel);
        failed.Status.Should().Be(AfterSaleStatus.InterceptionFailed);
        failed.Timeline.Should().Contain(t => t.Note.Contains("Shipped"));
        await LedgerShouldBeAsync(api, order, refunded: 0m, reserved: 0m);
        (await api.OrderAsync(order.OrderId)).Status.Should().Be(OrderStatus.Shipped);
    }

    private static OrderBuilder TwoLines(OrderBuilder order) => order.Status("PendingShipment", "NotPushed").Line(1, "A", 2, 10m).Line(2, "B", 1, 5m);

    private static string CancelPath(OrderBuilder order) => $"/api/v1/orders/{order.OrderId}/cancel";

    private static async Task RefundPartlyAsync(ReverseApi api, OrderBuilder order, int quantity, decimal amount)
    {
        var sale = (await api.ApplyForAsync(order.OrderId, "RefundOnly", [new { skuId = "A", quantity, refundAmount = amount }])).AfterSaleId;
        await api.ActAsync(sale, "review", RunningHost.CustomerServiceKey, new { decision = "Approve", comment = "price protection" });
        await api.AwaitStatusAsync(sale, AfterSaleStatus.Completed);
        await LedgerShouldBeAsync(api, order, refunded: amount, reserved: 0m);
    }

    private static IEnumerable<(int LineNo, int Quantity, decimal Refund)> LinesOf(AfterSaleResponse sale)
        => sale.Lines.Select(l => (l.LineNo, l.Quantity, l.RefundAmount));

    private static async Task LedgerShouldBeAsync(ReverseApi api, OrderBuilder order, decimal refunded, decimal reserved)
    {
        (await api.OrderAsync(order.OrderId)).Ledger.Should().Be(
            new LedgerResponse(Paid: 25.00m, Refunded: refunded, Reserved: reserved, Refundable: 25.00m - refunded - reserved), "refundable = paid − refunded − reserved");
    }
}
