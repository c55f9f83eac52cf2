using System.Net;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Tests.Flows;

/// <summary>
/// Risk control's hold over REST (API.md v1.1), on both engines: a held after-sale's refund is not executed (the
/// execution step handles its message and skips it) until the release, which pays the exact amount; the refusals
/// (held twice, released unheld, finished, wrong role); and the held list.
/// </summary>
public abstract class RiskHoldTests
{
    private static readonly object[] OneUnitOfA = [new { skuId = "A", quantity = 1 }];

    protected abstract Task<string> NewDatabaseAsync();

    [Fact]
    public async Task A_held_refund_waits_in_PendingRefund_and_the_release_pays_it_to_the_cent()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync());
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 3, 45.67m);
        await api.RegisterAsync(order);
        var id = (await api.ApplyForAsync(order.OrderId, "RefundOnly", OneUnitOfA)).AfterSaleId;

        var held = await api.ActOnAsync(id, "hold", RunningHost.RiskKey, new { reason = "Many refunds from this account." });
        held.Hold.Should().NotBeNull();
        held.Hold!.Reason.Should().Be("Many refunds from this account.");
        held.Hold.By.Should().Be("Risk:risk-1");
        held.Hold.At.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        held.Status.Should().Be(AfterSaleStatus.PendingReview, "a hold is not a status");

        (await api.ActOnAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" })).Status.Should().Be(AfterSaleStatus.PendingRefund);
        // The approval wrote the message that runs the refund: once the outbox has delivered every message of this
        // after-sale, the execution step has seen it in PendingRefund, held, and left it.
        await ReverseApi.WaitUntilAsync(
            async () => (await AfterSaleChangeMessages.OfAsync(host, id)).All(m => m.DispatchedAt is not null),
            "the outbox delivered the approval's message");
        var waiting = await api.SaleAsync(id);
        waiting.Status.Should().Be(AfterSaleStatus.PendingRefund);
        waiting.Refund.Attempts.Should().Be(0);
        (await api.OrderAsync(order.OrderId)).Ledger.Should().Be(new LedgerResponse(137.01m, 0m, 45.67m, 91.34m));
        (await api.SimulatedCallsAsync(order.OrderId, "payment")).Should().BeEmpty("no refund is executed while held");

        var (again, againProblem, _) = await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{id}/hold", RunningHost.OpsKey, new { reason = "Twice." });
        again.Should().Be(HttpStatusCode.Conflict);
        ((string)againProblem!["reason"]!).Should().Be("already-held");

        var released = await api.ActOnAsync(id, "release", RunningHost.RiskKey);
        released.Hold.Should().BeNull();
        released.Timeline.Should().Contain(t => t.Note == "Hold released." && t.Actor == "Risk:risk-1");

        var done = await api.AwaitStatusAsync(id, AfterSaleStatus.Completed, AfterSaleStatus.RefundFailed);
        done.Status.Should().Be(AfterSaleStatus.Completed);
        (await api.OrderAsync(order.OrderId)).Ledger.Should().Be(new LedgerResponse(137.01m, 45.67m, 0m, 91.34m));
        (await api.SimulatedCallsAsync(order.OrderId, "payment")).Where(c => c.Key == id).Select(c => c.Amount).Should().Equal(45.67m);

        var (unheld, unheldProblem, _) = await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{id}/release", RunningHost.OpsKey);
        unheld.Should().Be(HttpStatusCode.Conflict);
        ((string)unheldProblem!["reason"]!).Should().Be("not-held");
        var (finished, finishedProblem, _) = await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{id}/hold", RunningHost.RiskKey, new { reason = "Too late." });
        finished.Should().Be(HttpStatusCode.Conflict);
        ((string)finishedProblem!["reason"]!).Should().Be("hold-finished");
    }

    [Fact]
    public async Task Only_risk_and_ops_hold_with_a_reason_and_a_rejected_after_sale_is_not_held()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync());
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 10.00m);
        await api.RegisterAsync(order);
        var id = (await api.ApplyForAsync(order.OrderId, "RefundOnly", OneUnitOfA)).AfterSaleId;
        var path = $"/api/v1/after-sales/{id}/hold";

        foreach (var key in new[] { RunningHost.UserKey, RunningHost.MerchantKey, RunningHost.CustomerServiceKey, RunningHost.SystemKey })
        {
            var (status, problem, _) = await api.SendAsync(HttpMethod.Post, path, key, new { reason = "x" });
            status.Should().Be(HttpStatusCode.Forbidden, $"{key}: {problem?.ToJsonString()}");
        }

        var (empty, emptyProblem, _) = await api.SendAsync(HttpMethod.Post, path, RunningHost.RiskKey, new { reason = "" });
        empty.Should().Be(HttpStatusCode.BadRequest);
        emptyProblem!["errors"]!.AsObject().Select(e => e.Key).Should().Equal("reason");
        (await api.SaleAsync(id, RunningHost.RiskKey)).Hold.Should().BeNull("nothing refused was written");

        await api.ActAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Reject" });
        var (rejected, rejectedProblem, _) = await api.SendAsync(HttpMethod.Post, path, RunningHost.OpsKey, new { reason = "x" });
        rejected.Should().Be(HttpStatusCode.Conflict);
        ((string)rejectedProblem!["reason"]!).Should().Be("hold-finished");
    }

    [Fact]
    public async Task The_held_list_shows_exactly_the_held_after_sales_to_risk()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync());
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 3, 10.00m);
        await api.RegisterAsync(order);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await api.ApplyForAsync(order.OrderId, "RefundOnly", OneUnitOfA)).AfterSaleId);
        }

        await api.ActAsync(ids[0], "hold", RunningHost.RiskKey, new { reason = "r1" });
        await api.ActAsync(ids[2], "hold", RunningHost.OpsKey, new { reason = "r3" });

        var held = await api.ListAsync(RunningHost.RiskKey, "?held=true");
        held.Total.Should().Be(2);
        held.Items.Select(i => (i.AfterSaleId, i.Hold?.Reason)).Should().BeEquivalentTo([(ids[0], "r1"), (ids[2], "r3")]);
        var free = await api.ListAsync(RunningHost.RiskKey, "?held=false");
        free.Items.Select(i => i.AfterSaleId).Should().Equal(ids[1]);
        (await api.ListAsync(RunningHost.RiskKey)).Total.Should().Be(3, "risk reads every after-sale");

        await api.ActAsync(ids[0], "release", RunningHost.OpsKey);
        (await api.ListAsync(RunningHost.RiskKey, "?held=true")).Items.Select(i => i.AfterSaleId).Should().Equal(ids[2]);
    }
}
