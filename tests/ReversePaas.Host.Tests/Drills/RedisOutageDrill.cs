using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Sdk.Orders;
using Xunit.Abstractions;

namespace ReversePaas.Host.Tests.Drills;

/// <summary>
/// Drill: the Redis that holds the order locks is SIGKILLed under a running host, then started again on the same port.
/// While it is gone every write answers 503 with <c>Retry-After</c> and writes nothing, and <c>/readyz</c> takes the host
/// out of rotation naming <c>locks</c>; once it is back the same host (not restarted) writes again by itself.
/// </summary>
public sealed class RedisOutageDrill(ITestOutputHelper log)
{
    // StackExchange.Redis reconnects by itself (its heartbeat retries the connection): recovery is bounded well below this.
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollDelay = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Writes_answer_503_while_redis_is_down_and_succeed_again_once_it_is_back_without_a_host_restart()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        var database = await MigratedPostgres.NewAsync();
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: database,
            settings: [$"Redis:Configuration={redis.Configuration}"]);
        var api = new ReverseApi(host);
        ((string)Check(await ReadyAsync(api, HttpStatusCode.OK), "locks")["description"]!).Should().Contain("Redis");

        var before = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 12.34m);
        var during = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 12.34m);
        await api.RegisterAsync(before);
        await api.RegisterAsync(during);

        // Writes work while Redis is up.
        var working = (await api.ApplyForAsync(before.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }])).AfterSaleId;

        await redis.KillAsync();
        var outage = Stopwatch.StartNew();

        // An application and a review, each refused before anything is written.
        var applied = await TimedAsync(() => api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, Application(during)));
        var reviewed = await TimedAsync(() => api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{working}/review", RunningHost.CustomerServiceKey, new { decision = "Approve" }));
        foreach (var (what, (status, body, response), took) in new[] { ("apply", applied.Result, applied.Took), ("review", reviewed.Result, reviewed.Took) })
        {
            log.WriteLine($"Redis down: {what} answered {(int)status} in {took.TotalMilliseconds:0} ms, Retry-After {response.Headers.RetryAfter}");
            status.Should().Be(HttpStatusCode.ServiceUnavailable, $"{what}: {body?.ToJsonString()}");
            response.Headers.RetryAfter.Should().NotBeNull(what);
            ((string)body!["type"]!).Should().EndWith("/problems/retry-later");
            ((string)body["detail"]!).Should().Contain("Redis");
        }

        (await api.ListAsync(RunningHost.OpsKey, $"?orderId={during.OrderId}")).Total.Should().Be(0);
        (await api.OrderAsync(during.OrderId)).Ledger.Reserved.Should().Be(0m);
        (await api.SaleAsync(working)).Status.Should().Be(AfterSaleStatus.PendingReview, "the refused review changed nothing");

        var notReady = await TimedAsync(() => ReadyAsync(api, HttpStatusCode.ServiceUnavailable));
        log.WriteLine($"Redis down: /readyz answered 503 in {notReady.Took.TotalMilliseconds:0} ms");
        Check(notReady.Result, "locks")["status"]!.GetValue<string>().Should().Be("Unhealthy");

        await redis.StartAgainAsync();
        var restarted = Stopwatch.StartNew();
        log.WriteLine($"Redis down for {outage.Elapsed.TotalSeconds:0.0} s, started again on port {redis.Port}");

        // The same host recovers by itself: poll the refused application until it goes through. Every answer before
        // that is a 503 that wrote nothing (the count below is checked after the success).
        var refusedWhileRecovering = 0;
        while (true)
        {
            var (status, body, response) = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, Application(during));
            if (status == HttpStatusCode.Created)
            {
                break;
            }

            status.Should().Be(HttpStatusCode.ServiceUnavailable, body?.ToJsonString());
            response.Headers.RetryAfter.Should().NotBeNull();
            refusedWhileRecovering++;
            restarted.Elapsed.Should().BeLessThan(RecoveryTimeout, $"writes should succeed again once Redis is back:\n{redis.Output}");
            await Task.Delay(PollDelay); // polling a condition with a deadline, not a fixed wait
        }

        log.WriteLine($"Redis back: first write succeeded {restarted.Elapsed.TotalSeconds:0.00} s after the restart ({refusedWhileRecovering} more 503s before it)");
        (await api.ListAsync(RunningHost.OpsKey, $"?orderId={during.OrderId}")).Total.Should().Be(1, "the refused attempts wrote nothing");
        (await api.OrderAsync(during.OrderId)).Ledger.Reserved.Should().Be(12.34m);

        // The review refused during the outage goes through now, and so does the background refund it starts.
        await api.ActAsync(working, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
        var completed = await api.AwaitStatusAsync(working, AfterSaleStatus.Completed);
        completed.RefundAmount.Should().Be(12.34m);
        (await api.OrderAsync(before.OrderId)).Ledger.Refunded.Should().Be(12.34m);

        var ready = await ReadyAsync(api, HttpStatusCode.OK);
        Check(ready, "locks")["status"]!.GetValue<string>().Should().Be("Healthy");
    }

    private static object Application(OrderBuilder order)
        => new { orderId = order.OrderId, type = "RefundOnly", reason = "broken", lines = new[] { new { skuId = "A", quantity = 1 } } };

    private static JsonNode Check(JsonNode ready, string name) => ready["checks"]!.AsArray().Single(c => (string)c!["name"]! == name)!;

    private static async Task<JsonNode> ReadyAsync(ReverseApi api, HttpStatusCode expected)
    {
        var (status, body, _) = await api.SendAsync(HttpMethod.Get, "/readyz", null);
        status.Should().Be(expected, body?.ToJsonString());
        return body!;
    }

    private static async Task<(T Result, TimeSpan Took)> TimedAsync<T>(Func<Task<T>> call)
    {
        var watch = Stopwatch.StartNew();
        var result = await call();
        return (result, watch.Elapsed);
    }
}
