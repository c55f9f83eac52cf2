using System.Net;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Persistence.Locks;

namespace ReversePaas.Host.Tests.Flows;

/// <summary>
/// The host on an order lock shared by several hosts — PostgreSQL advisory locks (<c>Locks:Provider=PostgreSql</c>)
/// or Redis (<c>Redis:Configuration</c>): a lock held by another host makes a write wait and answer 503 with nothing
/// written; a lock store that cannot be reached answers 503 and shows in <c>/readyz</c>; a choice the configuration
/// cannot serve stops the host at start.
/// </summary>
public sealed class SharedOrderLockTests
{
    [Fact]
    public async Task With_postgres_advisory_locks_an_order_held_by_another_host_answers_503_and_writes_nothing()
    {
        var database = await MigratedPostgres.NewAsync();
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: database, settings: ["Locks:Provider=PostgreSql", "Activities:LockTimeout=00:00:00.200"]);
        await using var otherHost = new PostgresAdvisoryOrderLock(database);
        await AssertHeldElsewhereIsRefusedAsync(host, (orderId, timeout) => otherHost.AcquireAsync(orderId, timeout, default));
        ((string)(await ReadyAsync(host))["checks"]!.AsArray().Single(c => (string)c!["name"]! == "locks")!["description"]!).Should().Contain("PostgreSQL advisory locks");
    }

    [Fact]
    public async Task With_redis_locks_an_order_held_by_another_host_answers_503_and_writes_nothing()
    {
        var prefix = $"reversepaas-tests:{Guid.NewGuid():N}:lock:order:";
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, settings: [$"Redis:Configuration={TestRedis.Configuration}", $"Locks:Redis:KeyPrefix={prefix}", "Activities:LockTimeout=00:00:00.200"]);
        using var otherHost = new RedisOrderLock(new RedisLockOptions { Configuration = TestRedis.Configuration, KeyPrefix = prefix });
        await AssertHeldElsewhereIsRefusedAsync(host, (orderId, timeout) => otherHost.AcquireAsync(orderId, timeout, default));
        ((string)(await ReadyAsync(host))["checks"]!.AsArray().Single(c => (string)c!["name"]! == "locks")!["description"]!).Should().Contain("Redis");
    }

    [Fact]
    public async Task With_redis_unreachable_writes_answer_503_readyz_says_why_and_nothing_is_written()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, settings: ["Redis:Configuration=127.0.0.1:1,connectTimeout=500,asyncTimeout=500"]);
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 1, 10m);
        await api.RegisterAsync(order); // registration takes no order lock

        var (status, body, response) = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey,
            new { orderId = order.OrderId, type = "RefundOnly", reason = "broken", lines = new[] { new { skuId = "A", quantity = 1 } } });
        status.Should().Be(HttpStatusCode.ServiceUnavailable, body?.ToJsonString());
        response.Headers.RetryAfter.Should().NotBeNull();
        ((string)body!["detail"]!).Should().Contain("Redis");
        (await api.ListAsync(RunningHost.OpsKey, $"?orderId={order.OrderId}")).Total.Should().Be(0);

        var (readyStatus, ready, _) = await api.SendAsync(HttpMethod.Get, "/readyz", null);
        readyStatus.Should().Be(HttpStatusCode.ServiceUnavailable);
        ready!["checks"]!.AsArray().Single(c => (string)c!["name"]! == "locks")!["status"]!.GetValue<string>().Should().Be("Unhealthy");
    }

    [Fact]
    public async Task Postgres_advisory_locks_on_a_sqlite_database_stop_the_host_with_the_reason()
    {
        var start = async () => await RunningHost.StartAsync(TestPaths.BundledPlugins, settings: "Locks:Provider=PostgreSql");
        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("Locks:Provider is PostgreSql");
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> ReadyAsync(RunningHost host)
        => (await new ReverseApi(host).SendAsync(HttpMethod.Get, "/readyz", null)).Body!;

    private static async Task AssertHeldElsewhereIsRefusedAsync(RunningHost host, Func<string, TimeSpan, ValueTask<IAsyncDisposable>> holdElsewhere)
    {
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 10m);
        await api.RegisterAsync(order);
        var request = new { orderId = order.OrderId, type = "RefundOnly", reason = "broken", lines = new[] { new { skuId = "A", quantity = 1 } } };

        await using (await holdElsewhere(order.OrderId, TimeSpan.FromSeconds(5)))
        {
            var (status, body, response) = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, request);
            status.Should().Be(HttpStatusCode.ServiceUnavailable, body?.ToJsonString());
            response.Headers.RetryAfter.Should().NotBeNull();
        }

        (await api.ListAsync(RunningHost.OpsKey, $"?orderId={order.OrderId}")).Total.Should().Be(0);
        (await api.OrderAsync(order.OrderId)).Ledger.Reserved.Should().Be(0m);
        (await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, request)).Status.Should().Be(HttpStatusCode.Created, "free again once the other host let go");
    }
}
