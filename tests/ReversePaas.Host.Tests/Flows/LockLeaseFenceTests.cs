using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Problems;
using ReversePaas.Host.Simulators;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Kernel.Activities;
using ReversePaas.Kernel.Domain;
using ReversePaas.Sdk.Orders;
using StackExchange.Redis;

namespace ReversePaas.Host.Tests.Flows;

/// <summary>
/// The version fence behind the order lock, at the level of refunds: the host runs on Redis locks, and a step is held
/// inside its critical section (after it read the order under the lock) while its lease is lost (the test deletes the
/// lock's key, as a Redis failover would, or as the lease's end would for a holder frozen past it; a live holder
/// extends its lease, so waiting proves nothing) and a second step on the same order takes the lock and moves the ledger. The stale step must then write
/// nothing and fail with retry-later, the ledger must hold exactly the winner's money, and the retry must see the new
/// state. Nothing here sleeps.
/// </summary>
public abstract class LockLeaseFenceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly string _keyPrefix = $"reversepaas-tests:{Guid.NewGuid():N}:lock:order:";

    protected abstract Task<string> NewDatabaseAsync();

    [Fact]
    public async Task Two_claims_of_the_last_unit_whose_lock_lapsed_between_them_reserve_it_once_and_the_stale_one_answers_503()
    {
        var holds = new SaveHolds();
        await using var host = await StartAsync(holds.Register);
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 1, 80.10m).Line(2, "B", 1, 19.90m);
        await api.RegisterAsync(order);
        var claim = new { orderId = order.OrderId, type = "RefundOnly", reason = "broken", lines = new[] { new { skuId = "A", quantity = 1 } } };
        var slow = holds.Add("slow");

        var stale = SendHeldAsync(api, claim, "slow");
        await slow.Reached.WaitAsync(Patience); // it holds the lock, has read the ledger (80.10 of line A unclaimed), and waits before writing
        await LoseLeaseAsync(order.OrderId);
        var (status, body, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, claim);
        status.Should().Be(HttpStatusCode.Created, "the second claim gets the lock once the first one's lease lapsed: {0}", body?.ToJsonString());
        var winner = body!.As<AfterSaleResponse>().AfterSaleId;
        slow.Open();
        var (staleStatus, problem, response) = await stale.WaitAsync(Patience);

        staleStatus.Should().Be(HttpStatusCode.ServiceUnavailable, problem?.ToJsonString());
        ((string)problem!["type"]!).Should().Be(ProblemTypes.RetryLater);
        response.Headers.RetryAfter.Should().NotBeNull();
        await LedgerShouldBeAsync(api, order.OrderId, paid: 100.00m, refunded: 0.00m, reserved: 80.10m, refundable: 19.90m);
        (await AfterSaleIdsAsync(api, order.OrderId)).Should().Equal(winner);

        var (retryStatus, retry, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, claim);
        retryStatus.Should().Be(HttpStatusCode.Conflict, retry?.ToJsonString());
        ((string)retry!["reason"]!).Should().Be("quantity-over-claimable", "the retry reads the claim the other request wrote");
        await LedgerShouldBeAsync(api, order.OrderId, paid: 100.00m, refunded: 0.00m, reserved: 80.10m, refundable: 19.90m);
        (await AfterSaleIdsAsync(api, order.OrderId)).Should().Equal(winner);
    }

    [Fact]
    public async Task A_refund_paid_after_its_lock_lapsed_is_not_written_over_a_newer_ledger_and_its_retry_pays_nothing_twice()
    {
        await using var host = await StartAsync(_ => { });
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 1, 60.55m).Line(2, "B", 1, 39.45m);
        await api.RegisterAsync(order);
        var first = (await api.ApplyForAsync(order.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }])).AfterSaleId;
        var approved = await api.ActOnAsync(first, "review", RunningHost.CustomerServiceKey, new { decision = "Approve", comment = "" });
        approved.Status.Should().Be(AfterSaleStatus.PendingRefund);

        // The refund of the first after-sale, as the background executor runs it, with a payment system that answers
        // only when the test says: it holds the order's lock, has read the ledger, and waits for the payment.
        var payment = new Gate();
        using var scope = host.Services.CreateScope();
        var systems = scope.ServiceProvider.GetRequiredService<ExternalSystems>();
        var slowExecution = ActivatorUtilities.CreateInstance<ExecutionActivity>(scope.ServiceProvider, systems with { Payment = new HeldPayment(systems.Payment, payment) });
        var paying = slowExecution.RunDueAsync(first, CancellationToken.None);
        await payment.Reached.WaitAsync(Patience);
        await LoseLeaseAsync(order.OrderId);

        var second = (await api.ApplyForAsync(order.OrderId, "RefundOnly", [new { skuId = "B", quantity = 1 }])).AfterSaleId;
        await LedgerShouldBeAsync(api, order.OrderId, paid: 100.00m, refunded: 0.00m, reserved: 100.00m, refundable: 0.00m);
        payment.Open();

        var refused = await paying.Invoking(p => p.WaitAsync(Patience)).Should().ThrowAsync<TransientConflictException>();
        refused.Which.RetryAfter.Should().BePositive();
        await LedgerShouldBeAsync(api, order.OrderId, paid: 100.00m, refunded: 0.00m, reserved: 100.00m, refundable: 0.00m);
        (await api.SaleAsync(first)).Status.Should().Be(AfterSaleStatus.PendingRefund, "nothing of the stale step was written");
        (await api.SaleAsync(second)).Status.Should().Be(AfterSaleStatus.PendingReview);
        var calls = await PaymentCallsAsync(api, order.OrderId, first);
        calls.Select(c => c.Outcome).Should().Equal("succeeded");

        using (var retryScope = host.Services.CreateScope())
        {
            var done = await retryScope.ServiceProvider.GetRequiredService<ExecutionActivity>().RunDueAsync(first, CancellationToken.None);
            done.Status.ToString().Should().Be("Completed");
        }

        await LedgerShouldBeAsync(api, order.OrderId, paid: 100.00m, refunded: 60.55m, reserved: 39.45m, refundable: 0.00m);
        calls = await PaymentCallsAsync(api, order.OrderId, first);
        calls.Select(c => c.Outcome).Should().Equal(["succeeded", "replayed"], "the retry asks the payment system again with the same refund id and is paid nothing more");
        calls.Select(c => c.Reference).Distinct().Should().ContainSingle();
        calls.Select(c => c.Amount).Should().AllBeEquivalentTo(60.55m);
    }

    private async Task<RunningHost> StartAsync(Action<IServiceCollection> replaceServices)
        => await RunningHost.StartWithServicesAsync(TestPaths.BundledPlugins, await NewDatabaseAsync(), replaceServices,
            $"Redis:Configuration={RedisServer}",
            $"Locks:Redis:KeyPrefix={_keyPrefix}",
            "Activities:LockTimeout=00:00:20",
            // Refunds are run by the test, not by the background executor.
            "Outbox:Paused=true");

    private async Task LoseLeaseAsync(string orderId)
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync(RedisServer);
        (await redis.GetDatabase().KeyDeleteAsync(_keyPrefix + orderId)).Should().BeTrue("the held step's lock is in Redis");
    }

    private static string RedisServer => Environment.GetEnvironmentVariable("REVERSEPAAS_TEST_REDIS") is { Length: > 0 } server
        ? server
        : throw new InvalidOperationException("REVERSEPAAS_TEST_REDIS is not set: run the suite with ./eng/test.sh, which starts redis-server.");

    private static async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> SendHeldAsync(ReverseApi api, object body, string gate)
    {
        using var request = RunningHost.Request(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey);
        request.Headers.Add(SaveHolds.Header, gate);
        request.Content = System.Net.Http.Json.JsonContent.Create(body);
        var response = await api.Host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    private static async Task LedgerShouldBeAsync(ReverseApi api, string orderId, decimal paid, decimal refunded, decimal reserved, decimal refundable)
    {
        (await api.OrderAsync(orderId)).Ledger.Should().Be(new LedgerResponse(paid, refunded, reserved, refundable), "the ledger is exact to the cent");
    }

    private static async Task<string[]> AfterSaleIdsAsync(ReverseApi api, string orderId)
        => [.. (await api.ListAsync(RunningHost.OpsKey, $"?orderId={orderId}")).Items.Select(i => i.AfterSaleId)];

    private static async Task<SimulatedCall[]> PaymentCallsAsync(ReverseApi api, string orderId, string refundId)
        => [.. (await api.SimulatedCallsAsync(orderId, "payment")).Where(c => c.Key == refundId)];
}
