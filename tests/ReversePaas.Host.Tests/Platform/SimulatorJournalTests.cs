using Microsoft.Extensions.DependencyInjection;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Kernel.Activities;
using ReversePaas.Sdk.Orders;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Host.Tests.Platform;

/// <summary>
/// The embedded simulators remember like the external systems they stand for: their journal is in the database, so a
/// restarted host or a second host on the same database replays a refund instead of paying it again, and concurrent
/// calls for one key succeed exactly once.
/// </summary>
public abstract class SimulatorJournalTests
{
    protected abstract Task<string> NewDatabaseAsync();

    [Fact]
    public async Task A_host_started_after_another_sees_its_calls_and_replays_its_refund()
    {
        var database = await NewDatabaseAsync();
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 1, 25.5m);
        string id;
        string reference;
        await using (var first = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: database))
        {
            var api = new ReverseApi(first);
            await api.RegisterAsync(order);
            id = (await api.ApplyForAsync(order.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }])).AfterSaleId;
            await api.ActAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
            reference = (await api.AwaitStatusAsync(id, AfterSaleStatus.Completed)).Refund.Reference!;
        }

        await using var second = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: database);
        var next = new ReverseApi(second);
        var before = await next.SimulatedCallsAsync(order.OrderId, "payment");
        before.Should().ContainSingle();
        before[0].Outcome.Should().Be("succeeded");
        before[0].Key.Should().Be(id);
        before[0].Reference.Should().Be(reference);
        before[0].Amount.Should().Be(25.5m);

        var again = await Payment(second).RefundAsync(Refund(id, order.OrderId, 25.5m), default);

        again.Succeeded.Should().BeTrue();
        again.Reference.Should().Be(reference);
        var after = await next.SimulatedCallsAsync(order.OrderId, "payment");
        after.Select(c => c.Outcome).Should().Equal("succeeded", "replayed");
        after.Select(c => c.Reference).Should().AllBe(reference);
    }

    [Fact]
    public async Task Forty_concurrent_refunds_of_one_id_through_two_hosts_succeed_once_and_replay_the_rest()
    {
        var database = await NewDatabaseAsync();
        await using var one = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: database);
        await using var two = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: database);
        var orderId = $"O-{Guid.NewGuid():N}";
        var request = Refund($"AS-race-{Guid.NewGuid():N}", orderId, 9.99m);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var calls = new[] { Payment(one), Payment(two) }
            .SelectMany(port => Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
            {
                await start.Task;
                return await port.RefundAsync(request, default);
            })))
            .ToList();
        start.SetResult();
        var results = await Task.WhenAll(calls);

        results.Should().OnlyContain(r => r.Succeeded);
        results.Select(r => r.Reference).Distinct().Should().ContainSingle();
        var journal = await new ReverseApi(two).SimulatedCallsAsync(orderId, "payment");
        journal.Should().HaveCount(40);
        journal.Count(c => c.Outcome == "succeeded").Should().Be(1);
        journal.Count(c => c.Outcome == "replayed").Should().Be(39);
    }

    [Fact]
    public async Task Refused_first_attempts_are_counted_across_hosts()
    {
        var database = await NewDatabaseAsync();
        await using var one = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: database, settings: "Simulators:Payment:FailFirstAttempts=2");
        await using var two = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: database, settings: "Simulators:Payment:FailFirstAttempts=2");
        var orderId = $"O-{Guid.NewGuid():N}";
        var request = Refund($"AS-retry-{Guid.NewGuid():N}", orderId, 1m);

        var attempts = new[]
        {
            await Payment(one).RefundAsync(request, default),
            await Payment(two).RefundAsync(request, default),
            await Payment(one).RefundAsync(request, default),
            await Payment(two).RefundAsync(request, default),
        };

        attempts.Select(r => r.Succeeded).Should().Equal(false, false, true, true);
        attempts[3].Reference.Should().Be(attempts[2].Reference);
        var journal = await new ReverseApi(one).SimulatedCallsAsync(orderId, "payment");
        journal.Select(c => c.Outcome).Should().Equal("refused", "refused", "succeeded", "replayed");
    }

    private static IPaymentPort Payment(RunningHost host) => host.Services.GetRequiredService<ExternalSystems>().Payment;

    private static PaymentRefundRequest Refund(string refundId, string orderId, decimal amount) => new()
    {
        RefundId = refundId,
        OrderId = orderId,
        Amount = amount,
        Currency = "CNY",
        Route = PaymentRoute.OriginalMethod,
    };
}
