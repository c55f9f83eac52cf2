using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Simulators;
using ReversePaas.Host.Tests.BusinessLines;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Tests.Flows;

/// <summary>
/// A pickup that never happens (issue 19, item 5), over REST on a clock the test moves: with the courier down, the
/// booking is retried with growing delays, parked for ops at <c>Activities:PickupBookingAttempts</c> (still
/// PendingReturn, no next attempt, listed in ops/stuck as pickup-parked), not tried again however long it waits, and
/// booked once the courier is back and ops retry it.
/// </summary>
public abstract class PickupParkingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    protected abstract Task<string> NewDatabaseAsync();

    [Fact]
    public async Task A_pickup_the_courier_keeps_failing_is_parked_after_the_limit_and_booked_once_ops_retry_it()
    {
        var clock = new ManualClock(T0);
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, await NewDatabaseAsync(), clock,
            "Simulators:Logistics:Unavailable=true", "Activities:PickupBookingAttempts=3",
            "Activities:UnavailableRetryDelay=00:00:10", "Activities:PickupRetryMaxDelay=00:00:15");
        var api = new ReverseApi(host);
        var order = Orders.DaojiaFresh().Completed(T0).Line(1, "A", 1, 10m);
        await api.RegisterAsync(order);
        var id = await ApprovedReturnAsync(api, order.OrderId, T0.AddHours(1));
        await ReverseApi.WaitUntilAsync(async () => await api.DeadlineAsync("combined-pickup", order.OrderId) == T0.AddMinutes(50), "the pickup due at T0+50 min");

        // Attempts 1 and 2 fail and wait 10 s, then 15 s (20 s doubled, capped); attempt 3 reaches the limit.
        clock.Advance(TimeSpan.FromMinutes(50));
        await AwaitAttemptsAsync(api, order.OrderId, id, 1);
        (await StuckAsync(api, id)).Should().BeEquivalentTo(new { Kind = StuckKinds.Retrying, ReturnAttempts = 1, NextAttemptAt = (DateTimeOffset?)T0.AddMinutes(50).AddSeconds(10) });
        clock.Advance(TimeSpan.FromSeconds(10));
        await AwaitAttemptsAsync(api, order.OrderId, id, 2);
        (await StuckAsync(api, id))!.NextAttemptAt.Should().Be(clock.GetUtcNow().AddSeconds(15), "the delay doubled to 20 s, capped at 15 s");
        clock.Advance(TimeSpan.FromSeconds(15));
        await AwaitAttemptsAsync(api, order.OrderId, id, 3);

        await ReverseApi.WaitUntilAsync(async () => (await StuckAsync(api, id))?.Kind == StuckKinds.PickupParked, "the after-sale listed as pickup-parked");
        var parked = await api.SaleAsync(id);
        parked.Status.Should().Be(AfterSaleStatus.PendingReturn);
        parked.ShipmentId.Should().BeNull();
        parked.Refund.NextAttemptAt.Should().BeNull("a parked pickup is not tried again by itself");
        parked.Refund.LastError.Should().Contain("unavailable").And.Contain("Parked after 3 failed attempt(s)");
        parked.Timeline.Select(t => t.Note).Should().Contain(n => n.StartsWith("Return logistics parked after 3 failed attempt(s)", StringComparison.Ordinal));
        var listed = (await StuckAsync(api, id))!;
        listed.Status.Should().Be(AfterSaleStatus.PendingReturn);
        listed.ReturnAttempts.Should().Be(3);
        listed.NextAttemptAt.Should().BeNull();
        listed.LastError.Should().Contain("Parked");
        await ReverseApi.WaitUntilAsync(async () => await api.DeadlineAsync("combined-pickup", order.OrderId) is null, "no pickup deadline held for a parked pickup");

        // A day passes. An unpaid order due meanwhile is cancelled by the deadline pump: proof the timed work ran
        // after the clock moved, and still no booking was tried.
        var unpaid = new OrderBuilder().Status("PendingPayment").Line(1, "A", 1, 10m);
        await api.RegisterAsync(unpaid);
        await ReverseApi.WaitUntilAsync(async () => await api.DeadlineAsync("unpaid-order", unpaid.OrderId) is not null, "the unpaid order's deadline");
        clock.Advance(TimeSpan.FromDays(1));
        await ReverseApi.WaitUntilAsync(async () => (await api.OrderAsync(unpaid.OrderId)).Status == OrderStatus.Cancelled, "the unpaid order cancelled a day later");
        (await api.SimulatedCallsAsync(order.OrderId, "logistics")).Should().HaveCount(3, "a parked pickup makes no more attempts");
        (await api.SaleAsync(id)).Refund.NextAttemptAt.Should().BeNull();

        // The courier is back; ops retry: the pickup is booked and leaves the stuck list.
        FixCourier(host);
        var retried = await api.ActOnAsync(id, "retry-pickup", RunningHost.OpsKey);
        retried.Status.Should().Be(AfterSaleStatus.PendingReturn);
        retried.Refund.LastError.Should().BeNull();
        await ReverseApi.WaitUntilAsync(async () => (await api.SaleAsync(id)).ShipmentId is not null, "the pickup booked after ops retried it");
        var calls = await api.SimulatedCallsAsync(order.OrderId, "logistics");
        calls.Should().HaveCount(4);
        calls.Select(c => c.Outcome).Should().Equal("unavailable", "unavailable", "unavailable", "succeeded");
        var booked = await api.SaleAsync(id);
        booked.Refund.LastError.Should().BeNull();
        booked.Timeline.Select(t => t.Note).Should().Contain("Return logistics retried by ops.");
        (await StuckAsync(api, id)).Should().BeNull("a booked pickup is not stuck");
    }

    [Fact]
    public async Task A_return_the_warehouse_cannot_be_told_of_is_parked_the_same_way_and_announced_once_ops_retry_it()
    {
        // No pickup asked for: the announcement runs from the outbox (execution consumer), deferred to each next attempt.
        var clock = new ManualClock(T0);
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, await NewDatabaseAsync(), clock,
            "Simulators:Warehouse:Unavailable=true", "Activities:PickupBookingAttempts=2", "Activities:UnavailableRetryDelay=00:00:10");
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(T0).Line(1, "A", 1, 10m);
        await api.RegisterAsync(order);
        var id = (await api.ApplyForAsync(order.OrderId, "ReturnRefund", [new { skuId = "A", quantity = 1 }])).AfterSaleId;
        await api.ActAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });

        await AwaitCallsAsync(api, order.OrderId, "warehouse", 1);
        await ReverseApi.WaitUntilAsync(async () => (await StuckAsync(api, id))?.NextAttemptAt == T0.AddSeconds(10), "attempt 1 recorded, the next in 10 s");
        clock.Advance(TimeSpan.FromSeconds(10));
        await AwaitCallsAsync(api, order.OrderId, "warehouse", 2);
        await ReverseApi.WaitUntilAsync(async () => (await StuckAsync(api, id))?.Kind == StuckKinds.PickupParked, "parked after 2 attempts");
        var parked = await api.SaleAsync(id);
        parked.Status.Should().Be(AfterSaleStatus.PendingReturn);
        parked.Refund.NextAttemptAt.Should().BeNull();
        parked.Refund.LastError.Should().Contain("Parked after 2 failed attempt(s)");

        // An hour later, after an unpaid order due meanwhile was cancelled: still two calls.
        var unpaid = new OrderBuilder().Status("PendingPayment").Line(1, "A", 1, 10m);
        await api.RegisterAsync(unpaid);
        await ReverseApi.WaitUntilAsync(async () => await api.DeadlineAsync("unpaid-order", unpaid.OrderId) is not null, "the unpaid order's deadline");
        clock.Advance(TimeSpan.FromHours(1));
        await ReverseApi.WaitUntilAsync(async () => (await api.OrderAsync(unpaid.OrderId)).Status == OrderStatus.Cancelled, "the unpaid order cancelled");
        (await api.SimulatedCallsAsync(order.OrderId, "warehouse")).Should().HaveCount(2, "a parked announcement makes no more attempts");

        host.Services.GetRequiredService<IConfiguration>()["Simulators:Warehouse:Unavailable"] = "false";
        host.Services.GetRequiredService<IOptionsMonitorCache<SimulatorOptions>>().Clear();
        await api.ActOnAsync(id, "retry-pickup", RunningHost.OpsKey);
        await ReverseApi.WaitUntilAsync(async () => (await api.SaleAsync(id)).Timeline.Any(t => t.Note == "Return announced to the warehouse."), "the return announced");
        (await api.SimulatedCallsAsync(order.OrderId, "warehouse")).Select(c => c.Outcome).Should().Equal("unavailable", "unavailable", "succeeded");
        (await StuckAsync(api, id)).Should().BeNull();
    }

    [Fact]
    public async Task Retrying_a_pickup_that_is_not_parked_is_409_pickup_not_parked_and_customer_service_may_not()
    {
        var clock = new ManualClock(T0);
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, await NewDatabaseAsync(), clock, "Simulators:Logistics:Unavailable=true");
        var api = new ReverseApi(host);
        var order = Orders.DaojiaFresh().Completed(T0).Line(1, "A", 1, 10m);
        await api.RegisterAsync(order);
        var id = await ApprovedReturnAsync(api, order.OrderId, T0.AddHours(1));
        var timeline = (await api.SaleAsync(id)).Timeline.Count;

        // Waiting for its round, not failed yet: nothing to retry.
        var (status, problem, response) = await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{id}/retry-pickup", RunningHost.OpsKey);
        status.Should().Be(HttpStatusCode.Conflict, problem?.ToJsonString());
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        ((string)problem!["reason"]!).Should().Be("pickup-not-parked");
        ((string)problem["detail"]!).Should().Contain(id).And.Contain("PendingReturn");
        (await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{id}/retry-pickup", RunningHost.CustomerServiceKey)).Status.Should().Be(HttpStatusCode.Forbidden);
        (await api.SaleAsync(id)).Timeline.Should().HaveCount(timeline, "a refused retry changes nothing");
    }

    private static Task AwaitCallsAsync(ReverseApi api, string orderId, string system, int calls)
        => ReverseApi.WaitUntilAsync(async () => (await api.SimulatedCallsAsync(orderId, system)).Length == calls, $"{system} call {calls}");

    private static async Task AwaitAttemptsAsync(ReverseApi api, string orderId, string id, int attempts)
    {
        await ReverseApi.WaitUntilAsync(async () => (await api.SimulatedCallsAsync(orderId, "logistics")).Length == attempts, $"booking attempt {attempts}");
        // The courier is called before the failure is saved: wait for the after-sale to show it too.
        await ReverseApi.WaitUntilAsync(async () => (await StuckAsync(api, id))?.ReturnAttempts == attempts, $"attempt {attempts} recorded");
    }

    private static async Task<StuckAfterSale?> StuckAsync(ReverseApi api, string id)
        => (await api.OkAsync(HttpMethod.Get, "/api/v1/ops/stuck", RunningHost.OpsKey)).As<StuckWorkResponse>().AfterSales.SingleOrDefault(a => a.AfterSaleId == id);

    // What ops do when the courier is back: change the setting; the simulator reads it on every call.
    private static void FixCourier(RunningHost host)
    {
        host.Services.GetRequiredService<IConfiguration>()["Simulators:Logistics:Unavailable"] = "false";
        host.Services.GetRequiredService<IOptionsMonitorCache<SimulatorOptions>>().Clear();
    }

    private static async Task<string> ApprovedReturnAsync(ReverseApi api, string orderId, DateTimeOffset pickupAt)
    {
        var sale = (await api.OkAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, new
        {
            orderId,
            type = "ReturnRefund",
            reason = "damaged",
            lines = new[] { new { skuId = "A", quantity = 1 } },
            evidence = new[] { "https://img.example/box.jpg" },
            pickupAt = pickupAt.ToString("O"),
        }, HttpStatusCode.Created)).As<AfterSaleResponse>();
        await api.ActAsync(sale.AfterSaleId, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
        return sale.AfterSaleId;
    }
}
