using System.Net;
using System.Text.Json.Nodes;
using ReversePaas.CapabilityCatalog;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Tests.BusinessLines;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Kernel.Extensions.Budget;
using ReversePaas.Sdk.Orders;
using Xunit.Abstractions;

namespace ReversePaas.Host.Tests.Drills;

/// <summary>
/// Drill: a plugin that cannot hurt the others (API.md v1.1, "Extension call budget"). The fixture
/// <c>HangingExtensions</c> blocks retail.pop's refund calculator (a synchronous call .NET cannot interrupt) and makes
/// retail.self's refund executor answer long after the budget; <c>FlakyExtension</c> throws one call in three. On both
/// engines: the hung identity answers 503 <c>extension-timeout</c> and writes nothing, the order's lock is free again
/// at once, the breaker opens after <c>Extensions:BreakAfterFailures</c> and answers <c>extension-unavailable</c>
/// without calling, the catalog and <c>/readyz</c> show it, a trial after the break decides; meanwhile other identities
/// on the same host answer 201 and their refunds go through the outbox.
/// </summary>
public abstract class ExtensionBudgetDrill(ITestOutputHelper log)
{
    private const string Hanging = "hanging-extensions";
    private const string Calculator = "hanging-extensions.refund-calculator";
    private const string Executor = "hanging-extensions.refund-executor";

    protected abstract Task<string> NewDatabaseAsync();

    private static object Apply(OrderBuilder order) => ApplicationBodies.RefundOneBrokenA(order);

    [Fact]
    public async Task A_hung_extension_answers_503_frees_the_lock_opens_its_breaker_and_leaves_other_identities_untouched()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var plugins = TestPaths.PluginsFolderWith([.. Directory.GetDirectories(TestPaths.BundledPlugins), TestPaths.FixturePlugin("HangingExtensions")]);
        await using var host = await RunningHost.StartAsync(plugins, mappingsDirectory: null, await NewDatabaseAsync(), clock,
            "Extensions:CallTimeout=00:00:00.300", "Extensions:BreakAfterFailures=3", "Extensions:BreakDuration=00:05:00",
            // Far shorter than the fixture's block: were the lock still held by the hung call, the next request on the
            // order would answer retry-later (lock busy), not extension-timeout.
            "Activities:LockTimeout=00:00:01");
        var api = new ReverseApi(host);
        var pop = Orders.RetailPop().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 19.99m);
        var fresh = Orders.DaojiaFresh().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 19.99m);
        var bmall = Orders.BMallIntent().Completed(DateTimeOffset.UtcNow).Line(1, "A", 1, 19.99m); // whole orders only
        foreach (var order in new[] { pop, fresh, bmall })
        {
            await api.RegisterAsync(order);
        }

        var first = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, Apply(pop));
        log.WriteLine($"retail.pop: {(int)first.Status} {first.Body?.ToJsonString()}");
        ShouldBeTimeout(first, Calculator);
        first.Response.Headers.RetryAfter.Should().NotBeNull();

        // The same order again at once: its lock was released when the budget was spent, so this one reaches the
        // extension too (and times out), instead of waiting for a lock the blocked thread still holds.
        var second = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, Apply(pop));
        ShouldBeTimeout(second, Calculator);

        // A third call hangs while the other business lines apply on the same host: they are not held up.
        var third = api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, Apply(pop));
        var others = new[] { fresh, bmall }.Select(o => api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, Apply(o))).ToArray();
        foreach (var other in await Task.WhenAll(others))
        {
            other.Status.Should().Be(HttpStatusCode.Created, other.Body?.ToJsonString());
        }

        ShouldBeTimeout(await third, Calculator);

        // Three in a row: the breaker is open, and calls answer at once without reaching the extension.
        var refused = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, Apply(pop));
        log.WriteLine($"open: {(int)refused.Status} {refused.Body?.ToJsonString()}");
        refused.Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        ((string)refused.Body!["type"]!).Should().EndWith("/problems/extension-unavailable");
        ((string)refused.Body["extension"]!).Should().Be(Calculator);
        refused.Response.Headers.RetryAfter!.Delta.Should().BeCloseTo(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5));
        (await BreakerAsync(api, Calculator)).Should().Be(BreakerState.Open);
        var ready = await api.SendAsync(HttpMethod.Get, "/readyz", null);
        log.WriteLine($"/readyz: {(int)ready.Status} {ready.Body?.ToJsonString()}");
        ready.Status.Should().Be(HttpStatusCode.OK, "one extension's breaker does not take the host out of rotation");
        var check = ready.Body!["checks"]!.AsArray().Single(c => (string)c!["name"]! == "extensions")!;
        ((string)check["status"]!).Should().Be("Degraded");
        ((string)check["description"]!).Should().Contain(Calculator);

        // Nothing of retail.pop was written, nothing reserved.
        (await api.ListAsync(RunningHost.OpsKey, $"?orderId={pop.OrderId}")).Total.Should().Be(0);
        (await api.OrderAsync(pop.OrderId)).Ledger.Reserved.Should().Be(0m);
        (await api.OrderAsync(fresh.OrderId)).Ledger.Reserved.Should().Be(19.99m);

        // After the break one trial call decides: it hangs too, so the breaker opens again.
        clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        ShouldBeTimeout(await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, Apply(pop)), Calculator);
        (await BreakerAsync(api, Calculator)).Should().Be(BreakerState.Open);
        (await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, Apply(pop))).Body!["type"]!.GetValue<string>()
            .Should().EndWith("/problems/extension-unavailable");
    }

    [Fact]
    public async Task A_background_step_on_a_hung_extension_keeps_nothing_and_waits_while_other_refunds_go_through()
    {
        var plugins = TestPaths.PluginsFolderWith([.. Directory.GetDirectories(TestPaths.BundledPlugins), TestPaths.FixturePlugin("HangingExtensions")]);
        await using var host = await RunningHost.StartAsync(plugins, connectionString: await NewDatabaseAsync(),
            settings: ["Extensions:CallTimeout=00:00:00.300", "Extensions:BreakAfterFailures=100"]);
        var api = new ReverseApi(host);
        var self = Orders.RetailSelf().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 19.99m);
        var fresh = Orders.DaojiaFresh().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 19.99m);
        await api.RegisterAsync(self);
        await api.RegisterAsync(fresh);

        var hung = (await api.OkAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, Apply(self), HttpStatusCode.Created)).As<AfterSaleResponse>();
        await ApproveIfReviewedAsync(api, hung);
        // The executor is asked and times out: the outbox records the failure on its message and will try again.
        var stuck = await WaitForStuckMessageAsync(api, hung.AfterSaleId);
        log.WriteLine($"stuck: {stuck}");
        stuck.LastError.Should().Contain(Executor).And.Contain("did not answer within 300 ms");

        // Meanwhile another identity's refund goes through the same outbox to the end.
        var other = (await api.OkAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, Apply(fresh), HttpStatusCode.Created)).As<AfterSaleResponse>();
        await ApproveIfReviewedAsync(api, other);
        (await api.AwaitStatusAsync(other.AfterSaleId, AfterSaleStatus.Completed)).Refund.Reference.Should().NotBeNullOrEmpty();

        // The hung one kept nothing: still waiting for its refund, no attempt used up, no refund recorded.
        var waiting = await api.SaleAsync(hung.AfterSaleId);
        waiting.Status.Should().Be(AfterSaleStatus.PendingRefund);
        waiting.Refund.Attempts.Should().Be(0, "a timed-out call is not a refused refund");
        waiting.Refund.Reference.Should().BeNull();
        (await api.OrderAsync(self.OrderId)).Ledger.Refunded.Should().Be(0m);
    }

    [Fact]
    public async Task Failures_that_are_not_consecutive_fail_only_their_own_requests_and_never_open_the_breaker()
    {
        var plugins = TestPaths.PluginsFolderWith([.. Directory.GetDirectories(TestPaths.BundledPlugins), TestPaths.FixturePlugin("FlakyExtension")]);
        await using var host = await RunningHost.StartAsync(plugins, connectionString: await NewDatabaseAsync(), settings: "Extensions:BreakAfterFailures=2");
        var api = new ReverseApi(host);

        var answers = new List<(OrderBuilder Order, HttpStatusCode Status, JsonNode? Body)>();
        for (var i = 0; i < 9; i++)
        {
            var order = Orders.RetailPop().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 19.99m);
            await api.RegisterAsync(order);
            var (status, body, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, Apply(order));
            answers.Add((order, status, body));
        }

        log.WriteLine(string.Join(", ", answers.Select(a => (int)a.Status)));
        answers.Select(a => a.Status).Should().Equal(
            [HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.InternalServerError, HttpStatusCode.Created, HttpStatusCode.Created,
             HttpStatusCode.InternalServerError, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.InternalServerError],
            "every third call throws; one failure between successes never reaches BreakAfterFailures=2");
        foreach (var (order, _, body) in answers.Where(a => a.Status == HttpStatusCode.InternalServerError))
        {
            ((string)body!["type"]!).Should().EndWith("/problems/extension-failed");
            ((string)body["detail"]!).Should().Contain("fixture: flaky backend");
            (await api.ListAsync(RunningHost.OpsKey, $"?orderId={order.OrderId}")).Total.Should().Be(0);
            (await api.OrderAsync(order.OrderId)).Ledger.Reserved.Should().Be(0m);
        }

        (await BreakerAsync(api, "flaky-extension.eligibility")).Should().Be(BreakerState.Closed);
    }

    private static void ShouldBeTimeout((HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response) answer, string extension)
    {
        answer.Status.Should().Be(HttpStatusCode.ServiceUnavailable, answer.Body?.ToJsonString());
        answer.Response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        ((string)answer.Body!["type"]!).Should().EndWith("/problems/extension-timeout");
        ((string)answer.Body["plugin"]!).Should().Be(Hanging);
        ((string)answer.Body["pluginVersion"]!).Should().Be("1.0.0");
        ((string)answer.Body["extension"]!).Should().Be(extension);
    }

    private static async Task<BreakerState> BreakerAsync(ReverseApi api, string extension)
        => (await api.OkAsync(HttpMethod.Get, "/api/v1/catalog", RunningHost.OpsKey)).As<CatalogDocument>().Extensions.Single(e => e.Id == extension).Breaker;

    private static async Task ApproveIfReviewedAsync(ReverseApi api, AfterSaleResponse sale)
    {
        if (sale.Status != AfterSaleStatus.PendingRefund)
        {
            await api.ActAsync(sale.AfterSaleId, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
        }
    }

    private static async Task<StuckMessage> WaitForStuckMessageAsync(ReverseApi api, string afterSaleId)
    {
        StuckMessage? found = null;
        await ReverseApi.WaitUntilAsync(
            async () =>
            {
                var stuck = (await api.OkAsync(HttpMethod.Get, "/api/v1/ops/stuck", RunningHost.OpsKey)).As<StuckWorkResponse>();
                found = stuck.OutboxMessages.FirstOrDefault(m => m.Key == afterSaleId && m.LastError is not null);
                return found is not null;
            },
            $"the outbox message of {afterSaleId} failing on the executor");
        return found!;
    }
}
