using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ReversePaas.Host.Tests.BusinessLines;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Kernel.Activities;

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
        var pending = (string)(await api.ApplyAsync(order.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }]))["afterSaleId"]!;

        var refused = await api.SendAsync(HttpMethod.Post, CancelPath(order), RunningHost.UserKey, new { reason = "changed my mind" });

        var problem = await refused.Response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("reason").GetString().Should().Be("open-after-sales");
        problem.GetProperty("detail").GetString().Should().Contain(pending).And.Contain("PendingReview");
        await LedgerShouldBeAsync(api, order, refunded: 0m, reserved: 10m);
        ((string)(await api.GetOrderAsync(order.OrderId))["status"]!).Should().Be("PendingShipment");

        // Before the fix the cancellation took 15.00 here, and rejecting this refund left 10.00 nobody could claim.
        await api.ActAsync(pending, "review", RunningHost.CustomerServiceKey, new { decision = "Reject", comment = "no" });
        var cancel = await api.OkAsync(HttpMethod.Post, CancelPath(order), RunningHost.UserKey, new { reason = "changed my mind" }, HttpStatusCode.Created);

        ((decimal)cancel["refundAmount"]!).Should().Be(25.00m);
        await api.WaitForStatusAsync((string)cancel["afterSaleId"]!, "Completed");
        await LedgerShouldBeAsync(api, order, refunded: 25.00m, reserved: 0m);
        ((string)(await api.GetOrderAsync(order.OrderId))["status"]!).Should().Be("Cancelled");
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

        var first = await api.OkAsync(HttpMethod.Post, CancelPath(oneUnit), RunningHost.UserKey, new { reason = "late" }, HttpStatusCode.Created);
        var second = await api.OkAsync(HttpMethod.Post, CancelPath(bothUnits), RunningHost.UserKey, new { reason = "late" }, HttpStatusCode.Created);

        // Line A: the unit nobody claimed (10.00) and the 8.00 the price-difference refund left of the other one.
        ((decimal)first["refundAmount"]!).Should().Be(23.00m);
        LinesOf(first).Should().Equal((1, 1, 18.00m), (2, 1, 5.00m));
        // Both units of A were claimed by the partial refund: the cancellation claims no unit of A, only its 16.99.
        ((decimal)second["refundAmount"]!).Should().Be(21.99m);
        LinesOf(second).Should().Equal((1, 0, 16.99m), (2, 1, 5.00m));
        await api.WaitForStatusAsync((string)first["afterSaleId"]!, "Completed");
        await api.WaitForStatusAsync((string)second["afterSaleId"]!, "Completed");
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
        var first = (string)(await api.OkAsync(HttpMethod.Post, CancelPath(order), RunningHost.UserKey, new { reason = "x" }, HttpStatusCode.Created))["afterSaleId"]!;

        var again = await api.SendAsync(HttpMethod.Post, CancelPath(order), RunningHost.CustomerServiceKey, new { reason = "y" });

        var problem = await again.Response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("reason").GetString().Should().Be("open-after-sales");
        problem.GetProperty("detail").GetString().Should().Contain(first);
        await LedgerShouldBeAsync(api, order, refunded: 0m, reserved: 25.00m);
        await api.ActAsync(first, "review", RunningHost.MerchantKey, new { decision = "Approve" });
        await api.WaitForStatusAsync(first, "Completed");
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
        var cancel = (string)(await api.OkAsync(HttpMethod.Post, CancelPath(order), RunningHost.UserKey, new { reason = "x" }, HttpStatusCode.Created))["afterSaleId"]!;
        await api.OkAsync(HttpMethod.Post, $"/api/v1/orders/{order.OrderId}/status", RunningHost.SystemKey, new { status = "Shipped", warehouseStage = "Packed" });

        clock.Advance(TimeSpan.FromHours(48));
        using (var scope = host.Services.CreateScope())
        {
            // What the review-timeout job runs. Before the fix it was refused (the order is not pending shipment) on every run, for ever.
            var outcome = await scope.ServiceProvider.GetRequiredService<Deadlines>().RunAsync(DeadlineKind.ReviewTimeout, cancel, default);
            outcome.Should().Be(DeadlineOutcome.Done);
        }

        var failed = await api.GetAfterSaleAsync(cancel);
        ((string)failed["status"]!).Should().Be("InterceptionFailed");
        failed["timeline"]!.AsArray().Should().Contain(t => ((string)t!["note"]!).Contains("Shipped"));
        await LedgerShouldBeAsync(api, order, refunded: 0m, reserved: 0m);
        ((string)(await api.GetOrderAsync(order.OrderId))["status"]!).Should().Be("Shipped");
    }

    private static OrderBuilder TwoLines(OrderBuilder order) => order.Status("PendingShipment", "NotPushed").Line(1, "A", 2, 10m).Line(2, "B", 1, 5m);

    private static string CancelPath(OrderBuilder order) => $"/api/v1/orders/{order.OrderId}/cancel";

    private static async Task RefundPartlyAsync(ReverseApi api, OrderBuilder order, int quantity, decimal amount)
    {
        var sale = (string)(await api.ApplyAsync(order.OrderId, "RefundOnly", [new { skuId = "A", quantity, refundAmount = amount }]))["afterSaleId"]!;
        await api.ActAsync(sale, "review", RunningHost.CustomerServiceKey, new { decision = "Approve", comment = "price protection" });
        await api.WaitForStatusAsync(sale, "Completed");
        await LedgerShouldBeAsync(api, order, refunded: amount, reserved: 0m);
    }

    private static IEnumerable<(int LineNo, int Quantity, decimal Refund)> LinesOf(JsonNode sale)
        => sale["lines"]!.AsArray().Select(l => ((int)l!["lineNo"]!, (int)l["quantity"]!, (decimal)l["refundAmount"]!));

    private static async Task LedgerShouldBeAsync(ReverseApi api, OrderBuilder order, decimal refunded, decimal reserved)
    {
        var ledger = (await api.GetOrderAsync(order.OrderId))["ledger"]!;
        ((decimal)ledger["paid"]!).Should().Be(25.00m);
        ((decimal)ledger["refunded"]!).Should().Be(refunded);
        ((decimal)ledger["refundable"]!).Should().Be(25.00m - refunded - reserved, "paid − refunded − reserved");
    }
}
