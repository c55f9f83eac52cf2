using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Tests.BusinessLines;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Kernel.Activities;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Tests.Platform;

/// <summary>
/// Timed work through the persistent job store on a clock the tests move: each deadline is set at the right time,
/// fires then and not before (run early, it only says when it is due), respects the identity's settings, does
/// nothing for a state that moved on, and survives a host restart.
/// </summary>
public abstract class DeadlineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    protected abstract Task<string> NewDatabaseAsync();

    [Fact]
    public async Task An_unpaid_order_is_cancelled_at_the_timeout_not_before_and_a_paid_one_is_left_alone()
    {
        var clock = new ManualClock(T0);
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, await NewDatabaseAsync(), clock, "Orders:UnpaidTimeout=00:30:00");
        var api = new ReverseApi(host);
        var unpaid = new OrderBuilder().Status("PendingPayment").Line(1, "A", 1, 10m);
        var paid = new OrderBuilder().Status("PendingPayment").Line(1, "A", 1, 10m);
        await api.RegisterAsync(unpaid);
        await api.RegisterAsync(paid);
        await ReverseApi.WaitUntilAsync(async () => await api.DeadlineAsync("unpaid-order", unpaid.OrderId) == T0.AddMinutes(30), "the unpaid deadline at T0+30 min");

        await api.OkAsync(HttpMethod.Post, $"/api/v1/orders/{paid.OrderId}/status", RunningHost.SystemKey, new { status = "PendingShipment" });
        await ReverseApi.WaitUntilAsync(async () => await api.DeadlineAsync("unpaid-order", paid.OrderId) is null, "the paid order's deadline removed");

        clock.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1));
        (await RunAsync(host, DeadlineKind.UnpaidOrder, unpaid.OrderId)).RetryAt.Should().Be(T0.AddMinutes(30), "fired a second early it does nothing and says when it is due");
        (await api.OrderAsync(unpaid.OrderId)).Status.Should().Be(OrderStatus.PendingPayment);

        clock.Advance(TimeSpan.FromSeconds(1));
        await ReverseApi.WaitUntilAsync(async () => (await api.OrderAsync(unpaid.OrderId)).Status == OrderStatus.Cancelled, "the unpaid order cancelled by its job");
        (await RunAsync(host, DeadlineKind.UnpaidOrder, paid.OrderId)).Should().Be(DeadlineOutcome.Done);
        (await api.OrderAsync(paid.OrderId)).Status.Should().Be(OrderStatus.PendingShipment, "a job for an order that was paid meanwhile does nothing");
        await ReverseApi.WaitUntilAsync(async () => (await api.DeadlinesAsync()).Count == 0, "no deadline left");
    }

    [Fact]
    public async Task A_deadline_set_before_a_restart_fires_in_the_next_host()
    {
        var clock = new ManualClock(T0);
        var database = await NewDatabaseAsync();
        var order = new OrderBuilder().Status("PendingPayment").Line(1, "A", 1, 10m);
        await using (var first = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, database, clock, "Orders:UnpaidTimeout=00:30:00"))
        {
            var api = new ReverseApi(first);
            await api.RegisterAsync(order);
            await ReverseApi.WaitUntilAsync(async () => await api.DeadlineAsync("unpaid-order", order.OrderId) is not null, "the deadline stored");
        }

        clock.Advance(TimeSpan.FromHours(2));
        await using var next = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, database, clock, "Orders:UnpaidTimeout=00:30:00");
        var nextApi = new ReverseApi(next);
        await ReverseApi.WaitUntilAsync(async () => (await nextApi.OrderAsync(order.OrderId)).Status == OrderStatus.Cancelled, "the overdue order cancelled by the next host");
    }

    [Fact]
    public async Task A_pop_merchant_who_never_confirms_a_cancellation_is_taken_as_confirming_after_the_review_timeout()
    {
        var clock = new ManualClock(T0);
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, await NewDatabaseAsync(), clock);
        var api = new ReverseApi(host);
        var order = Orders.RetailPop().Status("PendingShipment", "Pushed").Line(1, "A", 1, 10m);
        await api.RegisterAsync(order);
        var cancel = (await api.OkAsync(HttpMethod.Post, $"/api/v1/orders/{order.OrderId}/cancel", RunningHost.UserKey, new { reason = "changed my mind" }, HttpStatusCode.Created)).As<AfterSaleResponse>();
        var id = cancel.AfterSaleId;
        await ReverseApi.WaitUntilAsync(async () => await api.DeadlineAsync("review-timeout", id) == T0.AddHours(48), "the confirmation deadline at 48 h (review.timeoutHours of retail.pop)");

        clock.Advance(TimeSpan.FromHours(48) - TimeSpan.FromSeconds(1));
        (await RunAsync(host, DeadlineKind.ReviewTimeout, id)).RetryAt.Should().Be(T0.AddHours(48));
        (await api.SaleAsync(id)).Status.Should().Be(AfterSaleStatus.Intercepting);

        clock.Advance(TimeSpan.FromSeconds(1));
        var done = await api.AwaitStatusAsync(id, AfterSaleStatus.Completed);
        done.Timeline.Should().Contain(t => t.Note.StartsWith("Auto-confirmed", StringComparison.Ordinal));
        (await api.OrderAsync(order.OrderId)).Status.Should().Be(OrderStatus.Cancelled);
        (await api.SimulatedCallsAsync(order.OrderId, "payment")).Should().ContainSingle(c => c.Outcome == "succeeded");
    }

    [Fact]
    public async Task A_return_not_sent_within_the_identity_window_is_closed_and_one_that_was_sent_is_not()
    {
        var clock = new ManualClock(T0);
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, await NewDatabaseAsync(), clock);
        var api = new ReverseApi(host);
        var self = Orders.RetailSelf().Completed(T0).Line(1, "A", 1, 10m).Line(2, "B", 1, 20m);
        var bmall = Orders.BMallIntent().Completed(T0).Line(1, "A", 1, 10m);
        await api.RegisterAsync(self);
        await api.RegisterAsync(bmall);
        var idle = await ApprovedReturnAsync(api, self.OrderId, "A");
        var sent = await ApprovedReturnAsync(api, self.OrderId, "B");
        var b2b = await ApprovedReturnAsync(api, bmall.OrderId, "A");
        await api.ActAsync(sent, "return-shipment", RunningHost.UserKey, new { carrier = "SF", trackingNo = "SF100" });

        await ReverseApi.WaitUntilAsync(async () => await api.DeadlineAsync("return-shipment-timeout", idle) == T0.AddDays(7), "7 days (kernel default) for retail.self");
        await ReverseApi.WaitUntilAsync(async () => await api.DeadlineAsync("return-shipment-timeout", b2b) == T0.AddDays(10), "10 days (returns.shipWithinDays of bmall.intent)");
        await ReverseApi.WaitUntilAsync(async () => await api.DeadlineAsync("return-shipment-timeout", sent) is null, "no deadline once the goods are on their way");

        clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        (await RunAsync(host, DeadlineKind.ReturnShipmentTimeout, idle)).RetryAt.Should().Be(T0.AddDays(7));
        (await api.SaleAsync(idle)).Status.Should().Be(AfterSaleStatus.PendingReturn);

        clock.Advance(TimeSpan.FromSeconds(1));
        var closed = await api.AwaitStatusAsync(idle, AfterSaleStatus.Withdrawn);
        closed.Timeline[^1].Note.Should().Contain("returns.shipWithinDays");
        (await RunAsync(host, DeadlineKind.ReturnShipmentTimeout, sent)).Should().Be(DeadlineOutcome.Done);
        (await api.SaleAsync(sent)).Status.Should().Be(AfterSaleStatus.PendingReturn, "its goods were sent");
        (await api.SaleAsync(b2b)).Status.Should().Be(AfterSaleStatus.PendingReturn, "bmall.intent allows 10 days");
        (await api.OrderAsync(self.OrderId)).Ledger.Reserved.Should().Be(20.00m, "the closed return released its 10.00; the sent one keeps 20.00");

        clock.Advance(TimeSpan.FromDays(3));
        await api.AwaitStatusAsync(b2b, AfterSaleStatus.Withdrawn);
    }

    [Fact]
    public async Task Returns_of_one_order_go_in_one_pickup_round_before_the_earliest_time_and_a_later_return_gets_its_own()
    {
        var clock = new ManualClock(T0);
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, await NewDatabaseAsync(), clock);
        var api = new ReverseApi(host);
        var order = Orders.DaojiaFresh().Completed(T0).Line(1, "A", 1, 10m).Line(2, "B", 1, 10m).Line(3, "C", 1, 10m).Line(4, "D", 1, 10m);
        await api.RegisterAsync(order);
        var first = new[]
        {
            await ApprovedReturnAsync(api, order.OrderId, "A", T0.AddHours(5)),
            await ApprovedReturnAsync(api, order.OrderId, "B", T0.AddHours(2)),
            await ApprovedReturnAsync(api, order.OrderId, "C", T0.AddHours(3)),
        };
        var due = T0.AddHours(2).AddMinutes(-10);
        await ReverseApi.WaitUntilAsync(async () => await api.DeadlineAsync("combined-pickup", order.OrderId) == due, "one pickup deadline for the order, 10 min before the earliest");

        clock.Advance(due - T0 - TimeSpan.FromSeconds(1));
        (await RunAsync(host, DeadlineKind.CombinedPickup, order.OrderId)).RetryAt.Should().Be(due);
        (await api.SimulatedCallsAsync(order.OrderId, "logistics")).Should().BeEmpty("nothing is booked before the round is due");

        clock.Advance(TimeSpan.FromSeconds(1));
        var shipments = await ShipmentsAsync(api, first);
        shipments.Distinct().Should().ContainSingle("the three returns travel together");
        var calls = await api.SimulatedCallsAsync(order.OrderId, "logistics");
        calls.Select(c => c.Outcome).Should().BeEquivalentTo(["succeeded", "replayed", "replayed"]);
        calls.Select(c => c.Key).Distinct().Should().Equal($"pickup:order:{order.OrderId}:1");
        calls[0].Detail.Should().Contain(T0.AddHours(2).ToString("O"), "booked for the earliest time asked for");

        // Once the round's run is over (the clock stands still, and a deadline asked for while its run finishes is set
        // a moment later on that clock), a return approved now needs a round of its own.
        await ReverseApi.WaitUntilAsync(async () => await api.DeadlineAsync("combined-pickup", order.OrderId) is null, "the first round's run over");
        var late = await ApprovedReturnAsync(api, order.OrderId, "D", T0.AddHours(4));
        var lateDue = T0.AddHours(4).AddMinutes(-10);
        await ReverseApi.WaitUntilAsync(async () => await api.DeadlineAsync("combined-pickup", order.OrderId) == lateDue, "a new round for the return approved after dispatch");
        clock.Advance(lateDue - clock.GetUtcNow());
        var lateShipment = (await ShipmentsAsync(api, [late])).Single();
        lateShipment.Should().NotBe(shipments[0]);
        (await api.SimulatedCallsAsync(order.OrderId, "logistics")).Select(c => c.Key).Distinct()
            .Should().Equal($"pickup:order:{order.OrderId}:1", $"pickup:order:{order.OrderId}:2");
    }

    [Fact]
    public async Task When_the_earliest_pickup_is_withdrawn_the_round_waits_for_the_next_earliest()
    {
        var clock = new ManualClock(T0);
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, await NewDatabaseAsync(), clock);
        var api = new ReverseApi(host);
        var order = Orders.DaojiaFresh().Completed(T0).Line(1, "A", 1, 10m).Line(2, "B", 1, 10m);
        await api.RegisterAsync(order);
        var early = await ApprovedReturnAsync(api, order.OrderId, "A", T0.AddHours(1));
        var later = await ApprovedReturnAsync(api, order.OrderId, "B", T0.AddHours(6));
        await ReverseApi.WaitUntilAsync(async () => await api.DeadlineAsync("combined-pickup", order.OrderId) == T0.AddMinutes(50), "due for the earliest");
        await api.ActAsync(early, "withdraw", RunningHost.UserKey);

        clock.Advance(TimeSpan.FromMinutes(50));
        var rescheduled = T0.AddHours(6).AddMinutes(-10);
        await ReverseApi.WaitUntilAsync(async () => await api.DeadlineAsync("combined-pickup", order.OrderId) == rescheduled, "the job set itself again for the return left");
        (await api.SimulatedCallsAsync(order.OrderId, "logistics")).Should().BeEmpty();

        clock.Advance(rescheduled - clock.GetUtcNow());
        (await ShipmentsAsync(api, [later])).Should().ContainSingle();
    }

    private static async Task<DeadlineOutcome> RunAsync(RunningHost host, DeadlineKind kind, string key)
    {
        // What the job does when it fires: used here to fire it early, at a moment the test chooses.
        using var scope = host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<Deadlines>().RunAsync(kind, key, default);
    }

    private static async Task<string> ApprovedReturnAsync(ReverseApi api, string orderId, string sku, DateTimeOffset? pickupAt = null)
    {
        var sale = (await api.OkAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, new
        {
            orderId,
            type = "ReturnRefund",
            reason = "damaged",
            lines = new[] { new { skuId = sku, quantity = 1 } },
            evidence = new[] { "https://img.example/box.jpg" },
            pickupAt = pickupAt?.ToString("O"),
        }, HttpStatusCode.Created)).As<AfterSaleResponse>();
        var id = sale.AfterSaleId;
        await api.ActAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
        return id;
    }

    private static async Task<string[]> ShipmentsAsync(ReverseApi api, IEnumerable<string> afterSaleIds)
    {
        var shipments = new List<string>();
        foreach (var id in afterSaleIds)
        {
            string? shipment = null;
            await ReverseApi.WaitUntilAsync(async () => (shipment = (await api.SaleAsync(id)).ShipmentId) is not null, $"a shipment for {id}");
            shipments.Add(shipment!);
        }

        return [.. shipments];
    }
}
