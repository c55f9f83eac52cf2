using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Problems;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Kernel.Activities;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Tests.Flows;

/// <summary>
/// Execution and its edges on both engines: the lock and an unreachable external system answering 503 with Retry-After
/// and writing nothing, a cancellation waiting for an unreachable warehouse, refunds resumed by a restarted host,
/// withdrawal releasing money, a full return closing the order.
/// </summary>
public abstract class ExecutionTests
{
    protected abstract Task<string> NewDatabaseAsync();

    [Fact]
    public async Task A_request_that_cannot_get_the_order_lock_in_time_is_503_with_retry_after_and_writes_nothing()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync(), settings: "Activities:LockTimeout=00:00:00.050");
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 10m);
        await api.RegisterAsync(order);

        (string? Body, HttpStatusCode Status, string? RetryAfter) busy;
        await using (await host.Services.GetRequiredService<IOrderLock>().AcquireAsync(order.OrderId, TimeSpan.FromSeconds(5), default))
        {
            var (status, body, response) = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey,
                new { orderId = order.OrderId, type = "RefundOnly", lines = new[] { new { skuId = "A", quantity = 1 } } });
            busy = (body?.ToJsonString(), status, response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        busy.Status.Should().Be(HttpStatusCode.ServiceUnavailable, busy.Body);
        busy.RetryAfter.Should().NotBeNull();
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/after-sales?orderId={order.OrderId}", RunningHost.OpsKey)).As<AfterSaleListResponse>().Total.Should().Be(0);
        (await api.OrderAsync(order.OrderId)).Ledger.Reserved.Should().Be(0m);
        // Once the lock is free the same request goes through.
        await api.ApplyAsync(order.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }]);
    }

    [Fact]
    public async Task A_warehouse_receipt_while_the_system_it_calls_is_down_is_503_naming_the_system_and_writes_nothing()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync(),
            settings: ["Simulators:Inventory:Unavailable=true", "Simulators:Warehouse:Unavailable=true"]);
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 10.00m);
        await api.RegisterAsync(order);

        // A return restocks the inventory on receipt. (An exchange no longer calls the warehouse inside the receipt: its
        // replacement ships in the background, ExchangeFlowTests.)
        foreach (var (type, system, operation) in new[] { ("ReturnRefund", "inventory", "restock") })
        {
            var id = (await api.ApplyForAsync(order.OrderId, type, [new { skuId = "A", quantity = 1 }])).AfterSaleId;
            await api.ActAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
            var timeline = (await api.SaleAsync(id)).Timeline.Count;
            var ledger = (await api.OrderAsync(order.OrderId)).Ledger;

            var (status, problem, response) = await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{id}/warehouse-receipt", RunningHost.SystemKey,
                new { lines = new[] { new { lineNo = 1, quantity = 1 } } });

            status.Should().Be(HttpStatusCode.ServiceUnavailable, problem?.ToJsonString());
            response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
            ((string)problem!["type"]!).Should().Be(ProblemTypes.RetryLater);
            ((string)problem["system"]!).Should().Be(system);
            ((string)problem["detail"]!).Should().Contain($"The {system} simulator is set to be unavailable").And.Contain("Nothing was changed");
            response.Headers.RetryAfter?.Delta.Should().Be(TimeSpan.FromSeconds(5));
            ((int)problem["retryAfterSeconds"]!).Should().Be(5);

            var after = await api.SaleAsync(id);
            after.Status.Should().Be(AfterSaleStatus.PendingReturn, "the receipt was not recorded");
            after.Timeline.Should().HaveCount(timeline);
            (await api.OrderAsync(order.OrderId)).Ledger.Should().Be(ledger);
            (await api.SimulatedCallsAsync(order.OrderId, system)).Should().Contain(
                c => c.Operation == operation && c.Key == id && c.Outcome == "unavailable", "the system was asked and did not answer");
        }
    }

    [Fact]
    public async Task A_cancellation_while_the_warehouse_is_down_is_accepted_and_its_interception_waits_for_the_background_retry()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync(),
            settings: ["Simulators:Warehouse:Unavailable=true", "Activities:UnavailableRetryDelay=01:00:00"]);
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Status("PendingShipment", "Pushed").Line(1, "A", 1, 10.00m);
        await api.RegisterAsync(order);

        // The request path does not answer 503 here: the kernel keeps the interception for the background executor.
        var cancel = (await api.OkAsync(HttpMethod.Post, $"/api/v1/orders/{order.OrderId}/cancel", RunningHost.UserKey, new { reason = "changed my mind" }, HttpStatusCode.Created)).As<AfterSaleResponse>();
        cancel.Status.Should().Be(AfterSaleStatus.Intercepting);
        cancel.Refund.LastError.Should().Contain("The warehouse simulator is set to be unavailable");
        (await api.OrderAsync(order.OrderId)).Status.Should().Be(OrderStatus.PendingShipment);
    }

    [Fact]
    public async Task A_refund_left_pending_by_a_stopped_host_is_paid_once_by_the_next_host()
    {
        var database = await NewDatabaseAsync();
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 1, 42.42m);
        string id;
        await using (var first = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: database, settings: ["Simulators:Payment:Unavailable=true", "Activities:UnavailableRetryDelay=00:00:00.200"]))
        {
            var api = new ReverseApi(first);
            await api.RegisterAsync(order);
            id = (await api.ApplyForAsync(order.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }])).AfterSaleId;
            await api.ActAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
            // The payment system is down: the refund waits, still PendingRefund, with the reason visible.
            var waiting = await api.SaleAsync(id);
            for (var i = 0; i < 400 && waiting.Refund.LastError is null; i++)
            {
                await Task.Delay(25); // polling a condition with a bound
                waiting = await api.SaleAsync(id);
            }

            waiting.Status.Should().Be(AfterSaleStatus.PendingRefund);
            waiting.Refund.LastError.Should().Contain("unavailable");
        }

        await using var second = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: database, settings: "Activities:UnavailableRetryDelay=00:00:00.050");
        var next = new ReverseApi(second);
        AfterSaleResponse done;
        try
        {
            done = await next.AwaitStatusAsync(id, AfterSaleStatus.Completed);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\nIts outbox messages:\n{await DescribeMessagesAsync(second, id)}", ex);
        }

        done.Refund.Reference.Should().NotBeNullOrEmpty();
        (await next.OrderAsync(order.OrderId)).Ledger.Refunded.Should().Be(42.42m);
        (await next.SimulatedCallsAsync(order.OrderId, "payment")).Count(c => c.Outcome == "succeeded").Should().Be(1);
    }

    [Fact]
    public async Task Withdrawal_releases_the_claim_and_a_full_return_refunds_freight_and_closes_the_order()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync());
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Freight(6.00m).Line(1, "A", 2, 10.00m).Line(2, "B", 1, 5.55m);
        await api.RegisterAsync(order);

        var first = await api.ApplyForAsync(order.OrderId, "ReturnRefund", [new { skuId = "A", quantity = 2 }, new { skuId = "B", quantity = 1 }]);
        first.FreightRefund.Should().Be(6.00m);
        await api.ActAsync(first.AfterSaleId, "withdraw", RunningHost.UserKey);
        (await api.OrderAsync(order.OrderId)).Ledger.Refundable.Should().Be(31.55m);

        var partial = await api.ApplyForAsync(order.OrderId, "ReturnRefund", [new { skuId = "A", quantity = 1 }]);
        partial.FreightRefund.Should().Be(0m);
        var rest = await api.ApplyForAsync(order.OrderId, "ReturnRefund", [new { skuId = "A", quantity = 1 }, new { skuId = "B", quantity = 1 }]);
        rest.FreightRefund.Should().Be(6.00m);
        foreach (var id in new[] { partial.AfterSaleId, rest.AfterSaleId })
        {
            await api.ActAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
            var lines = (await api.SaleAsync(id)).Lines.Select(l => new { lineNo = l.LineNo, quantity = l.Quantity }).ToArray();
            await api.ActAsync(id, "warehouse-receipt", RunningHost.SystemKey, new { lines });
            await api.AwaitStatusAsync(id, AfterSaleStatus.Completed);
        }

        var closed = await api.OrderAsync(order.OrderId);
        closed.Status.Should().Be(OrderStatus.Closed);
        closed.Ledger.Refunded.Should().Be(31.55m);
        closed.Ledger.Refundable.Should().Be(0m);
        var raw = await (await host.SendAsync(HttpMethod.Get, $"/api/v1/orders/{order.OrderId}", RunningHost.OpsKey)).Content.ReadAsStringAsync();
        raw.Should().Contain("\"paid\":31.55").And.Contain("\"reserved\":0.00").And.Contain("\"freight\":6.00");
    }

    private static async Task<string> DescribeMessagesAsync(RunningHost host, string key)
    {
        using var scope = host.Services.CreateScope();
        var rows = await scope.ServiceProvider.GetRequiredService<ReversePaas.Persistence.ReverseDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.Key == key).OrderBy(m => m.Id).ToListAsync();
        return string.Join('\n', rows.Select(m =>
            $"{m.Id} {m.Topic} dispatched={m.DispatchedAt:O} next={m.NextAttemptAt:O} claimedBy={m.ClaimedBy} until={m.ClaimedUntil:O} attempts={m.Attempts} error={m.LastError}"));
    }
}
