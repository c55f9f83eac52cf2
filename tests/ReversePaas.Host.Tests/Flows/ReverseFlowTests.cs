using System.Net;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Kernel.Domain;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Tests.Flows;

/// <summary>
/// The flows of DOMAIN.md sections 2–4 end to end over real HTTP, run once on SQLite and once on PostgreSQL
/// (the derived classes). Money is asserted to the cent.
/// </summary>
public abstract class ReverseFlowTests
{
    protected abstract Task<string> NewDatabaseAsync();

    protected async Task<ReverseApi> StartAsync(params string[] settings)
        => new(await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync(), settings: settings));

    [Fact]
    public async Task Registration_allocates_the_seed_example_to_the_cent_and_is_idempotent()
    {
        var api = await StartAsync();
        await using var _ = api.Host;
        var order = SeedExample();

        var stored = await api.RegisterOrderAsync(order);

        stored.Lines.Select(l => (l.AllocatedDiscount, l.PaidAmount)).Should().Equal((55.15m, 64.85m), (22.12m, 37.88m), (18.44m, 31.56m), (45.96m, 54.04m), (8.33m, 21.67m));
        stored.Ledger.Paid.Should().Be(210.00m);
        stored.Ledger.Refundable.Should().Be(210.00m);
        stored.BusinessIdentity.Should().Be("retail.self");

        var again = await api.SendAsync(HttpMethod.Post, "/api/v1/orders", RunningHost.SystemKey, order.Build());
        again.Status.Should().Be(HttpStatusCode.OK);
        var changed = await api.SendAsync(HttpMethod.Post, "/api/v1/orders", RunningHost.SystemKey, order.Freight(5m).Build());
        changed.Status.Should().Be(HttpStatusCode.Conflict);
        ((string)changed.Body!["reason"]!).Should().Be(ReasonCodes.OrderExists, "problem details have no record of ours: read by name");
    }

    [Fact]
    public async Task Return_refund_runs_review_return_receipt_and_refund_to_completion_with_an_exact_ledger()
    {
        var api = await StartAsync();
        await using var _ = api.Host;
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow.AddDays(-1)).Freight(10m).Line(1, "A", 3, 100.00m).Line(2, "B", 1, 50.00m).Discount("C1", "Coupon", 10.00m);
        await api.RegisterAsync(order);

        var sale = await api.ApplyForAsync(order.OrderId, "ReturnRefund", [new { skuId = "A", quantity = 1 }]);
        var id = sale.AfterSaleId;
        sale.Status.Should().Be(AfterSaleStatus.PendingReview);
        // Line A paid 300 − 8.57 = 291.43 for 3 units: one unit is ⌊29143 / 3⌋ = 97.14.
        sale.RefundAmount.Should().Be(97.14m);
        sale.ReviewBy.Should().Be("CustomerService");
        sale.Capabilities.Select(c => c.ExtensionPoint).Should().Contain(["application.eligibility", "application.split-matcher", "application.refund-calculator", "review.router"]);

        await api.ActAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Approve", comment = "ok" });
        await api.AwaitStatusAsync(id, AfterSaleStatus.PendingReturn);
        await api.ActAsync(id, "return-shipment", RunningHost.UserKey, new { carrier = "SF", trackingNo = "SF100" });
        await api.ActAsync(id, "warehouse-receipt", RunningHost.SystemKey, new { lines = new[] { new { lineNo = 1, quantity = 1 } } });
        var done = await api.AwaitStatusAsync(id, AfterSaleStatus.Completed, AfterSaleStatus.RefundFailed);

        done.Status.Should().Be(AfterSaleStatus.Completed);
        done.Timeline.Select(t => t.Status).Should().ContainInOrder("PendingReview", "PendingReturn", "PendingRefund", "Completed");
        (await api.OrderAsync(order.OrderId)).Ledger.Should().Be(new LedgerResponse(Paid: 350.00m, Refunded: 97.14m, Reserved: 0m, Refundable: 252.86m));
        (await api.SimulatedCallsAsync(order.OrderId, "payment")).Count(c => c.Outcome == "succeeded").Should().Be(1);
    }

    [Fact]
    public async Task Cancelling_an_unpaid_order_cancels_it_without_an_after_sale()
    {
        var api = await StartAsync();
        await using var _ = api.Host;
        var order = new OrderBuilder().Status("PendingPayment").Line(1, "A", 1, 10m);
        await api.RegisterAsync(order);

        var cancelled = await api.OkAsync(HttpMethod.Post, $"/api/v1/orders/{order.OrderId}/cancel", RunningHost.UserKey, new { reason = "changed my mind" });

        cancelled.As<OrderResponse>().Status.Should().Be(OrderStatus.Cancelled);
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/after-sales?orderId={order.OrderId}", RunningHost.OpsKey)).As<AfterSaleListResponse>().Total.Should().Be(0);
    }

    [Fact]
    public async Task Cancelling_a_paid_order_stops_the_push_and_refunds_everything_paid_including_freight()
    {
        var api = await StartAsync();
        await using var _ = api.Host;
        var order = new OrderBuilder().Status("PendingShipment", "NotPushed").Freight(8.00m).Line(1, "A", 2, 33.33m).Line(2, "B", 1, 10.01m).Discount("P", "Promotion", 5.00m, 1, 2);
        await api.RegisterAsync(order);

        var sale = (await api.OkAsync(HttpMethod.Post, $"/api/v1/orders/{order.OrderId}/cancel", RunningHost.UserKey, new { reason = "late" }, HttpStatusCode.Created)).As<AfterSaleResponse>();
        sale.Type.Should().Be(AfterSaleType.Cancel);
        sale.RefundAmount.Should().Be(79.67m); // 66.66 + 10.01 − 5.00 + 8.00 freight
        sale.FreightRefund.Should().Be(8.00m);

        var done = await api.AwaitStatusAsync(sale.AfterSaleId, AfterSaleStatus.Completed, AfterSaleStatus.RefundFailed);
        done.Status.Should().Be(AfterSaleStatus.Completed);
        var stored = await api.OrderAsync(order.OrderId);
        stored.Status.Should().Be(OrderStatus.Cancelled);
        stored.Ledger.Refunded.Should().Be(79.67m);
        stored.Ledger.Refundable.Should().Be(0m);
        (await api.SimulatedCallsAsync(order.OrderId, "warehouse")).Select(c => c.Operation).Should().Equal("stop-push");
    }

    [Fact]
    public async Task Cancelling_a_packed_order_fails_interception_and_leaves_the_order_and_ledger_as_they_were()
    {
        var api = await StartAsync();
        await using var _ = api.Host;
        var order = new OrderBuilder().Status("PendingShipment", "Packed").Line(1, "A", 1, 20m);
        await api.RegisterAsync(order);

        var sale = (await api.OkAsync(HttpMethod.Post, $"/api/v1/orders/{order.OrderId}/cancel", RunningHost.CustomerServiceKey, new { reason = "x" }, HttpStatusCode.Created)).As<AfterSaleResponse>();

        sale.Status.Should().Be(AfterSaleStatus.InterceptionFailed);
        var stored = await api.OrderAsync(order.OrderId);
        stored.Status.Should().Be(OrderStatus.PendingShipment);
        stored.Ledger.Refundable.Should().Be(20m);
        // The order continues: it can still ship, and a new cancellation is still possible before that.
        await api.OkAsync(HttpMethod.Post, $"/api/v1/orders/{order.OrderId}/status", RunningHost.SystemKey, new { status = "Shipped" });
    }

    [Fact]
    public async Task A_pushed_order_is_intercepted_by_the_wms()
    {
        var api = await StartAsync();
        await using var _ = api.Host;
        var order = new OrderBuilder().Status("PendingShipment", "Pushed").Line(1, "A", 1, 20m);
        await api.RegisterAsync(order);

        var sale = (await api.OkAsync(HttpMethod.Post, $"/api/v1/orders/{order.OrderId}/cancel", RunningHost.UserKey, new { reason = "x" }, HttpStatusCode.Created)).As<AfterSaleResponse>();

        sale.Status.Should().BeOneOf(AfterSaleStatus.PendingRefund, AfterSaleStatus.Completed);
        (await api.SimulatedCallsAsync(order.OrderId, "warehouse")).Select(c => c.Operation).Should().Equal("intercept");
        sale.Capabilities.Select(c => c.ExtensionPoint).Should().Contain("interception.order");
    }

    [Fact]
    public async Task Refund_only_with_a_partial_amount_refunds_that_amount_and_refuses_more_than_was_paid()
    {
        var api = await StartAsync();
        await using var _ = api.Host;
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 40m).Line(2, "B", 1, 15m);
        await api.RegisterAsync(order);

        var over = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey,
            new { orderId = order.OrderId, type = "RefundOnly", reason = "price", lines = new[] { new { skuId = "A", quantity = 1, refundAmount = 40.01m } } });
        over.Status.Should().Be(HttpStatusCode.Conflict);
        ((string)over.Body!["reason"]!).Should().Be(ReasonCodes.RefundOverPaid);

        var sale = await api.ApplyForAsync(order.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1, refundAmount = 12.34m }]);
        sale.RefundAmount.Should().Be(12.34m);
        await api.ActAsync(sale.AfterSaleId, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
        await api.AwaitStatusAsync(sale.AfterSaleId, AfterSaleStatus.Completed);
        (await api.OrderAsync(order.OrderId)).Ledger.Refunded.Should().Be(12.34m);
    }

    [Fact]
    public async Task A_refund_refused_twice_is_retried_with_growing_delays_and_paid_once_on_the_third_attempt()
    {
        var api = await StartAsync("Simulators:Payment:FailFirstAttempts=2", "Activities:RefundMaxAttempts=3");
        await using var _ = api.Host;
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 3, 10.01m);
        await api.RegisterAsync(order);
        var id = (await api.ApplyForAsync(order.OrderId, "RefundOnly", [new { skuId = "A", quantity = 2 }])).AfterSaleId;
        await api.ActAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });

        var done = await api.AwaitStatusAsync(id, AfterSaleStatus.Completed, AfterSaleStatus.RefundFailed);

        done.Status.Should().Be(AfterSaleStatus.Completed);
        (await api.OrderAsync(order.OrderId)).Ledger.Refunded.Should().Be(20.02m);
        var payments = await api.SimulatedCallsAsync(order.OrderId, "payment");
        payments.Select(c => c.Outcome).Should().Equal("refused", "refused", "succeeded");
        var at = payments.Select(c => c.At).ToList();
        // Lower bounds only: a retry never comes before its time, how much later depends on the machine. Times are
        // stored to the millisecond, hence 2 ms of slack.
        (at[1] - at[0]).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(50 - 2), "the first retry waits RefundRetryDelay");
        (at[2] - at[1]).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(100 - 2), "the second waits twice as long");
    }

    [Fact]
    public async Task A_refund_the_payment_system_keeps_refusing_parks_as_RefundFailed_and_ops_retry_completes_it_once()
    {
        var api = await StartAsync("Simulators:Payment:FailFirstAttempts=3", "Activities:RefundMaxAttempts=3");
        await using var _ = api.Host;
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 1, 25.50m);
        await api.RegisterAsync(order);
        var id = (await api.ApplyForAsync(order.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }])).AfterSaleId;
        await api.ActAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });

        var failed = await api.AwaitStatusAsync(id, AfterSaleStatus.RefundFailed, AfterSaleStatus.Completed);
        failed.Status.Should().Be(AfterSaleStatus.RefundFailed);
        failed.Refund.Attempts.Should().Be(3);
        (await api.OrderAsync(order.OrderId)).Ledger.Refunded.Should().Be(0m);

        (await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{id}/retry-refund", RunningHost.CustomerServiceKey)).Status.Should().Be(HttpStatusCode.Forbidden);
        await api.ActAsync(id, "retry-refund", RunningHost.OpsKey);
        await api.AwaitStatusAsync(id, AfterSaleStatus.Completed);

        (await api.OrderAsync(order.OrderId)).Ledger.Refunded.Should().Be(25.50m);
        var payments = await api.SimulatedCallsAsync(order.OrderId, "payment");
        payments.Count(c => c.Outcome == "refused").Should().Be(3);
        payments.Count(c => c.Outcome == "succeeded").Should().Be(1);
    }

    [Fact]
    public async Task Exchange_and_repair_run_to_completion_without_money()
    {
        var api = await StartAsync();
        await using var _ = api.Host;
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow.AddDays(-2)).Line(1, "A", 2, 99m);
        await api.RegisterAsync(order);

        var exchange = (await api.ApplyForAsync(order.OrderId, "Exchange", [new { skuId = "A", quantity = 1 }])).AfterSaleId;
        var repair = (await api.ApplyForAsync(order.OrderId, "Repair", [new { skuId = "A", quantity = 1 }])).AfterSaleId;
        (await api.SaleAsync(exchange)).RefundAmount.Should().Be(0m);
        foreach (var id in new[] { exchange, repair })
        {
            await api.ActAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
            await api.ActAsync(id, "warehouse-receipt", RunningHost.SystemKey, new { lines = new[] { new { lineNo = 1, quantity = 1 } } });
        }

        // The replacement and the repaired goods ship in the background (API.md v1.1), not inside the request.
        await api.AwaitStatusAsync(exchange, AfterSaleStatus.ExchangeShipped);
        await api.ActAsync(exchange, "delivery-confirmed", RunningHost.SystemKey);
        await api.ActAsync(repair, "repair-finished", RunningHost.SystemKey);
        await api.AwaitStatusAsync(repair, AfterSaleStatus.RepairShipped);
        await api.ActAsync(repair, "delivery-confirmed", RunningHost.SystemKey);

        (await api.SaleAsync(exchange)).Status.Should().Be(AfterSaleStatus.Completed);
        (await api.SaleAsync(repair)).Status.Should().Be(AfterSaleStatus.Completed);
        (await api.OrderAsync(order.OrderId)).Ledger.Refundable.Should().Be(198m);
    }

    internal static OrderBuilder SeedExample()
        => new OrderBuilder().Status("PendingShipment", "NotPushed")
            .Line(1, "A", 1, 120.00m).Line(2, "B", 1, 60.00m).Line(3, "C", 1, 50.00m).Line(4, "D", 1, 100.00m).Line(5, "E", 1, 30.00m)
            .Discount("P1", "Promotion", 40.00m, 1, 4).Discount("P2", "Promotion", 10.00m, 2, 3).Discount("C1", "Coupon", 100.00m);
}
