using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using Xunit.Abstractions;

namespace ReversePaas.Host.Tests.Platform;

/// <summary>
/// <see cref="HostProcess"/> against the real host binary, once on SQLite and once on PostgreSQL (the derived
/// classes): a SIGKILLed host leaves a database a new process serves unchanged, and two processes share one.
/// After each test the processes' output goes to the test log, which the runner shows when a test fails.
/// </summary>
public abstract class HostProcessTests(ITestOutputHelper log) : IAsyncLifetime
{
    private readonly HostProcessLog _started = new(log);

    protected abstract Task<string> NewDatabaseAsync();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _started.WriteOutputs();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_SIGKILLed_host_is_gone_and_a_new_process_on_the_same_database_serves_its_order_unchanged()
    {
        var database = await NewDatabaseAsync();
        await using var first = await StartAsync(database);
        var order = new OrderBuilder().Freight(10m).Line(1, "A", 3, 40.00m).Line(2, "B", 1, 50.00m).Discount("P1", "Promotion", 20.00m, 1);
        await RegisterAsync(first, order);
        var before = await GetOrderAsync(first, order.OrderId);
        before.As<OrderResponse>().Ledger.Paid.Should().Be(160.00m);
        var pid = first.ProcessId;

        await first.KillAsync();

        first.HasExited.Should().BeTrue();
        first.ExitCode.Should().Be(HostProcess.SigKillExitCode, "the process ended by signal 9, not by exiting");
        FluentActions.Invoking(() => Process.GetProcessById(pid)).Should().Throw<ArgumentException>("process {0} was reaped", pid);
        await FluentActions.Awaiting(() => first.Client.GetAsync(new Uri("/healthz", UriKind.Relative))).Should().ThrowAsync<HttpRequestException>("nothing listens on {0} any more", first.Address);

        await using var second = await RestartAsync(first);
        second.ProcessId.Should().NotBe(pid);
        var after = await GetOrderAsync(second, order.OrderId);

        JsonNode.DeepEquals(after, before).Should().BeTrue($"the order read after the crash should equal the one before it:\nbefore {before.ToJsonString()}\nafter  {after.ToJsonString()}");
    }

    [Fact]
    public async Task Two_processes_on_one_database_are_both_ready_serve_the_same_order_and_one_stops_gracefully()
    {
        var hosts = await StartTogetherAsync(await NewDatabaseAsync());
        await using var a = hosts[0];
        await using var b = hosts[1];
        a.ProcessId.Should().NotBe(b.ProcessId);
        a.Address.Should().NotBe(b.Address);
        var order = new OrderBuilder().Line(1, "A", 2, 30.00m);

        await RegisterAsync(a, order);

        var fromA = await GetOrderAsync(a, order.OrderId);
        var fromB = await GetOrderAsync(b, order.OrderId);
        JsonNode.DeepEquals(fromB, fromA).Should().BeTrue($"both processes read one database:\nA {fromA.ToJsonString()}\nB {fromB.ToJsonString()}");
        // Re-posting the same body to the other process is the idempotent answer, so B sees A's write as its own.
        using var again = RunningHost.Request(HttpMethod.Post, "/api/v1/orders", RunningHost.SystemKey);
        again.Content = JsonContent.Create(order.Build());
        using var repost = await b.Client.SendAsync(again);
        repost.StatusCode.Should().Be(HttpStatusCode.OK, b.Output);

        // A graceful stop (SIGTERM) of one replica leaves the other serving.
        await b.StopAsync();
        b.ExitCode.Should().Be(0, "SIGTERM asks the host to shut down cleanly");
        JsonNode.DeepEquals(await GetOrderAsync(a, order.OrderId), fromA).Should().BeTrue(a.Output);
    }

    private async Task<HostProcess> StartAsync(string database)
    {
        var host = await HostProcess.StartAsync(database);
        Report(host);
        return host;
    }

    /// <summary>Two processes started at the same moment, so both apply the schema at once as replicas of a deployment do.</summary>
    private async Task<HostProcess[]> StartTogetherAsync(string database)
    {
        var starting = new[] { StartAsync(database), StartAsync(database) };
        try
        {
            return await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var started in starting.Where(t => t.IsCompletedSuccessfully))
            {
                await (await started).DisposeAsync();
            }

            throw;
        }
    }

    private async Task<HostProcess> RestartAsync(HostProcess killed)
    {
        var host = await killed.RestartAsync();
        Report(host);
        return host;
    }

    private void Report(HostProcess host)
    {
        // Two starts can finish at once (StartTogetherAsync) on different threads.
        _started.Add(host);

        log.WriteLine($"{host} ready in {host.StartupTime.TotalMilliseconds:0} ms");
    }

    private static async Task RegisterAsync(HostProcess host, OrderBuilder order)
    {
        using var request = RunningHost.Request(HttpMethod.Post, "/api/v1/orders", RunningHost.SystemKey);
        request.Content = JsonContent.Create(order.Build());
        using var response = await host.Client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.Created, $"{await response.Content.ReadAsStringAsync()}\n{host.Output}");
    }

    private static async Task<JsonNode> GetOrderAsync(HostProcess host, string orderId)
    {
        using var request = RunningHost.Request(HttpMethod.Get, $"/api/v1/orders/{orderId}", RunningHost.CustomerServiceKey);
        using var response = await host.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"{body}\n{host.Output}");
        return JsonNode.Parse(body)!;
    }
}

/// <summary><see cref="HostProcessTests"/> on a fresh SQLite file per test.</summary>
public sealed class HostProcessSqliteTests(ITestOutputHelper log) : HostProcessTests(log)
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestDatabases.NewSqlite());
}

/// <summary><see cref="HostProcessTests"/> on a fresh PostgreSQL database per test (fails when none is configured, as the other PostgreSQL suites do).</summary>
public sealed class HostProcessPostgresTests(ITestOutputHelper log) : HostProcessTests(log)
{
    protected override Task<string> NewDatabaseAsync() => MigratedPostgres.NewAsync();
}
