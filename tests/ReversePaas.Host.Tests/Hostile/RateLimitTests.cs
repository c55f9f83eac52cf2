using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;

namespace ReversePaas.Host.Tests.Hostile;

/// <summary>
/// The write-route rate limiter (<c>RateLimiting:*</c>): a token bucket per API key, or per address without a valid
/// key; reads and health probes are not limited; a refused write never reaches its handler.
/// </summary>
public sealed class RateLimitTests
{
    private const string TinyRate = "RateLimiting:PermitsPerSecond=5";
    private const string TinyBurst = "RateLimiting:Burst=5";

    [Fact]
    public async Task Writes_over_the_limit_get_429_with_Retry_After_and_write_nothing_while_other_keys_and_reads_go_on()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, settings: [TinyRate, TinyBurst]);
        var orders = Enumerable.Range(0, 20).Select(_ => new OrderBuilder().Line(1, "A", 1, 10m)).ToArray();

        // All at once, with one key: the bucket holds 5, and 20 arrive long before it refills all of them.
        var answers = await Task.WhenAll(orders.Select(o => RegisterAsync(host, RunningHost.SystemKey, o)));

        var created = orders.Where((_, i) => answers[i].StatusCode == HttpStatusCode.Created).ToArray();
        var refused = orders.Where((_, i) => answers[i].StatusCode == HttpStatusCode.TooManyRequests).ToArray();
        (created.Length + refused.Length).Should().Be(orders.Length, "every write is either done or refused by the limiter");
        created.Length.Should().BeGreaterThanOrEqualTo(5, "the burst is 5");
        refused.Should().NotBeEmpty();
        foreach (var answer in answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests))
        {
            var seconds = int.Parse(answer.Headers.RetryAfter!.ToString(), CultureInfo.InvariantCulture);
            seconds.Should().BeGreaterThanOrEqualTo(1);
            var problem = await answer.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
            problem.GetProperty("type").GetString().Should().Be("https://reversepaas.dev/problems/rate-limited");
            problem.GetProperty("retryAfterSeconds").GetInt32().Should().Be(seconds);
        }

        // Nothing half-written: a refused registration never reached the handler.
        var snapshot = await DatabaseSnapshot.TakeAsync(host.Services);
        snapshot.Orders.Should().Be(created.Length);
        foreach (var order in refused)
        {
            (await host.SendAsync(HttpMethod.Get, $"/api/v1/orders/{order.OrderId}", RunningHost.OpsKey)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        // Another key has its own bucket.
        (await RegisterAsync(host, RunningHost.OpsKey, new OrderBuilder().Line(1, "A", 1, 10m))).StatusCode.Should().Be(HttpStatusCode.Created);

        // Reads and probes are not limited, not even for the key whose writes are.
        var reads = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => i % 2 == 0
            ? host.SendAsync(HttpMethod.Get, $"/api/v1/orders/{created[0].OrderId}", RunningHost.SystemKey)
            : host.SendAsync(HttpMethod.Get, "/healthz", apiKey: null)));
        reads.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Invented_keys_share_their_address_bucket_and_do_not_take_a_valid_keys_turn()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.PluginsFolderWith(), settings: [TinyRate, TinyBurst]);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            RegisterAsync(host, $"invented-key-{i}", new OrderBuilder().Line(1, "A", 1, 10m))));

        var statuses = answers.Select(a => a.StatusCode).ToArray();
        statuses.Should().OnlyContain(s => s == HttpStatusCode.Unauthorized || s == HttpStatusCode.TooManyRequests);
        statuses.Should().Contain(HttpStatusCode.TooManyRequests, "unknown keys are counted by address, not each as a caller of its own");
        (await RegisterAsync(host, RunningHost.SystemKey, new OrderBuilder().Line(1, "A", 1, 10m))).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Turned_off_nothing_is_refused()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.PluginsFolderWith(), settings: ["RateLimiting:Enabled=false", "RateLimiting:PermitsPerSecond=1", "RateLimiting:Burst=1"]);

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => RegisterAsync(host, RunningHost.SystemKey, new OrderBuilder().Line(1, "A", 1, 10m))));

        answers.Select(a => a.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_limit_below_one_stops_the_start()
    {
        var start = () => RunningHost.StartAsync(TestPaths.PluginsFolderWith(), settings: ["RateLimiting:PermitsPerSecond=0"]);

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("RateLimiting:PermitsPerSecond");
    }

    private static Task<HttpResponseMessage> RegisterAsync(RunningHost host, string key, OrderBuilder order)
    {
        var request = RunningHost.Request(HttpMethod.Post, "/api/v1/orders", key);
        request.Content = JsonContent.Create(order.Build(), options: JsonSerializerOptions.Web);
        return host.Client.SendAsync(request);
    }
}
