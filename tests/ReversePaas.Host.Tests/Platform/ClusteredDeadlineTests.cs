using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Npgsql;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Sdk.Orders;
using Xunit.Abstractions;

namespace ReversePaas.Host.Tests.Platform;

/// <summary>
/// Two host processes on one PostgreSQL database share the deadlines (our table) and one Hangfire storage: each
/// deadline runs on exactly one of them, both take part, and when one is SIGKILLed the other runs what was left,
/// including a deadline whose claim was lost with a run that never happened. Runs are counted from the one line
/// <c>DeadlineJob</c> logs per finished run, in each process's output; deadlines come due in real time (a few seconds).
/// </summary>
public sealed partial class ClusteredDeadlineTests(ITestOutputHelper log) : IAsyncLifetime
{
    private const int OrderCount = 40;

    // Kestrel's line: still in the bounded output buffer means nothing the process logged since start was dropped.
    private const string StartLine = "Now listening on:";

    // Both processes get the same settings, as replicas of one deployment do.
    private static readonly Dictionary<string, string> Settings = new()
    {
        // Long enough that a round of orders is registered and its deadlines set (by the outbox) before the first is due.
        ["Orders:UnpaidTimeout"] = "00:00:05",
        // A claim whose run was lost lapses after 10 s; a run fetched by a dead server is handed on after 3 s.
        // Longer than a deadline run takes on a loaded CI machine: a run that outlives its lease is run again by the
        // other host (at-least-once; docs/deadlines.md), which is not what this test is about.
        ["Jobs:ClaimLease"] = "00:00:10",
        ["Jobs:InvisibilityTimeout"] = "00:00:03",
        // The tests poll over HTTP many times a second: request lines (off in appsettings.json too, kept off here
        // whatever it says) would push run lines out of the 400-line output buffer.
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
    };

    // How long the survivor may take to run what the killed node left (a few seconds). Generous: a loaded full run
    // (load average 30+) starves everything.
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(90);

    private readonly HostProcessLog _started = new(log);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _started.WriteOutputs();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Two_hosts_on_one_database_fire_each_deadline_exactly_once_between_them_and_both_take_part()
    {
        var hosts = await StartTogetherAsync(await MigratedPostgres.NewAsync());
        await using var a = hosts[0];
        await using var b = hosts[1];

        var orders = await RegisterUnpaidAsync(a, b);
        await WaitUntilCancelledAsync(orders, TimeSpan.FromSeconds(15), a, b);
        await ReverseApi.WaitUntilAsync(async () => (await DeadlinesAsync(a)).Count == 0 && (await DeadlinesAsync(b)).Count == 0, "no deadline left in the job store");
        // The line is written after the run's commit, so it can trail the order's status by a moment.
        await ReverseApi.WaitUntilAsync(() => Task.FromResult(orders.All(Runs(a, b).Select(r => r.OrderId).Contains)), "a run line for every order");

        var runs = Runs(a, b);
        log.WriteLine($"Runs: {runs.Count(r => r.Host == a)} on A ({a}), {runs.Count(r => r.Host == b)} on B ({b})");
        a.Output.Should().Contain(StartLine, "A's output must still hold everything it logged since start, or runs could be missing");
        b.Output.Should().Contain(StartLine, "B's output must still hold everything it logged since start, or runs could be missing");
        AssertEachRanOnce(orders, runs);
        runs.Should().Contain(r => r.Host == a, "both nodes of the cluster fire deadlines, A too");
        runs.Should().Contain(r => r.Host == b, "both nodes of the cluster fire deadlines, B too");
        // Both hosts dispatch the one outbox: a message claimed by one pass is never delivered by the other at once.
        (a.Output + b.Output).Should().NotContain("not delivered to", "no two hosts deliver the same message to a consumer");
        (a.Output + b.Output).Should().NotContain("PK_outbox_deliveries");
    }

    [Fact]
    public async Task When_a_host_is_killed_the_other_runs_every_deadline_exactly_once_including_one_whose_run_was_lost()
    {
        var database = await MigratedPostgres.NewAsync();
        var hosts = await StartTogetherAsync(database);
        await using var a = hosts[0];
        await using var b = hosts[1];
        var first = await RegisterUnpaidAsync(a, b);
        await WaitUntilCancelledAsync(first, TimeSpan.FromSeconds(30), a, b);
        await ReverseApi.WaitUntilAsync(() => Task.FromResult(first.All(Runs(a, b).Select(r => r.OrderId).Contains)), "a run line for every order of the first round");
        var victim = Runs(a, b).GroupBy(r => r.Host).OrderByDescending(g => g.Count()).First().Key;
        var survivor = victim == a ? b : a;

        // The second round is registered on both and its deadlines are set (by the outbox: wait for them, or the victim
        // could die holding that message, and the deadline would appear only when the outbox claim lapses). One deadline
        // is left claimed by a run that will never happen, as by a host that died between claiming and queueing; then the
        // victim dies, as a rule before any of it is due: what it would have run falls to the survivor, and the lost
        // claim's deadline runs there once that claim lapses.
        var second = await RegisterUnpaidAsync(a, b);
        await ReverseApi.WaitUntilAsync(async () => await DeadlinesSetAsync(database, second) == second.Count, "every deadline of the second round set");
        var lost = second[^1];
        (await ClaimForLostRunAsync(database, lost)).Should().BeTrue($"the deadline of {lost} is due {Settings["Orders:UnpaidTimeout"]} after its order, so no host has claimed it yet");
        await victim.KillAsync();
        var pendingAtKill = second.Where(o => !Runs(a, b).Any(r => r.OrderId == o)).ToList();
        log.WriteLine($"Killed {(victim == a ? "A" : "B")} ({victim}); {pendingAtKill.Count} of {second.Count} deadlines pending, {lost} claimed by a lost run");

        await WaitUntilCancelledAsync(second, RecoveryLimit, survivor);
        await ReverseApi.WaitUntilAsync(async () => (await DeadlinesAsync(survivor)).Count == 0, "no deadline left", RecoveryLimit);
        await ReverseApi.WaitUntilAsync(() => Task.FromResult(second.All(Runs(a, b).Select(r => r.OrderId).Contains)), "a run line for every order", RecoveryLimit);

        var runs = Runs(a, b);
        victim.Output.Should().Contain(StartLine, "the killed node's output must still hold everything it logged since start, or runs could be missing");
        survivor.Output.Should().Contain(StartLine, "the survivor's output must still hold everything it logged since start, or runs could be missing");
        AssertEachRanOnce([.. first, .. second], runs);
        runs.Where(r => pendingAtKill.Contains(r.OrderId)).Should().OnlyContain(r => r.Host == survivor, "everything pending at the kill is run by the survivor");
        var recovered = runs.Single(r => r.OrderId == lost);
        recovered.Host.Should().Be(survivor);
        recovered.FireInstanceId.Should().NotStartWith("lost", "the lost run never happened: the survivor claimed the deadline again once that claim lapsed");
    }

    private static void AssertEachRanOnce(IReadOnlyList<string> orders, IReadOnlyList<Run> runs)
    {
        var wrong = orders
            .Select(o => (Order: o, Runs: runs.Where(r => r.OrderId == o).ToList()))
            .Where(o => o.Runs.Count != 1)
            .Select(o => $"{o.Order}: {o.Runs.Count} run(s){string.Concat(o.Runs.Select(r => $"\n  on {r.Host}: {r.Line}"))}")
            .ToList();
        wrong.Should().BeEmpty("every unpaid-order deadline runs exactly once across the cluster");
        runs.Select(r => r.OrderId).Should().BeSubsetOf(orders, "the database is fresh: no other deadline exists");
        runs.Select(r => r.FireInstanceId).Should().OnlyHaveUniqueItems("one claimed run is run by one node");
    }

    /// <summary>The unpaid-order runs both processes logged, each with the process that logged it.</summary>
    private static List<Run> Runs(HostProcess a, HostProcess b)
        => [.. new[] { a, b }.SelectMany(host => RunLine().Matches(host.Output)
            .Select(m => new Run(host, m.Groups["key"].Value, m.Groups["fire"].Value, m.Value)))];

    private async Task<HostProcess[]> StartTogetherAsync(string database)
    {
        var starting = new[] { HostProcess.StartAsync(database, Settings), HostProcess.StartAsync(database, Settings) };
        try
        {
            var hosts = await Task.WhenAll(starting);
            _started.Add([.. hosts]);
            return hosts;
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

    /// <summary>Registers the unpaid orders through A and B in turn, so each process schedules some deadlines.</summary>
    private static async Task<IReadOnlyList<string>> RegisterUnpaidAsync(HostProcess a, HostProcess b)
    {
        var orders = new List<string>();
        for (var i = 0; i < OrderCount; i++)
        {
            var order = new OrderBuilder().Status("PendingPayment").Line(1, "A", 1, 10m);
            var host = i % 2 == 0 ? a : b;
            using var request = RunningHost.Request(HttpMethod.Post, "/api/v1/orders", RunningHost.SystemKey);
            request.Content = JsonContent.Create(order.Build());
            using var response = await host.Client.SendAsync(request);
            response.StatusCode.Should().Be(HttpStatusCode.Created, $"{await response.Content.ReadAsStringAsync()}\n{host.Output}");
            orders.Add(order.OrderId);
        }

        return orders;
    }

    private static async Task WaitUntilCancelledAsync(IReadOnlyList<string> orders, TimeSpan limit, params HostProcess[] readers)
    {
        var pending = new HashSet<string>(orders);
        var turn = 0;
        await ReverseApi.WaitUntilAsync(async () =>
        {
            foreach (var id in pending.ToList())
            {
                var order = (await GetAsync(readers[turn++ % readers.Length], $"/api/v1/orders/{id}", RunningHost.CustomerServiceKey)).As<OrderResponse>();
                if (order.Status == OrderStatus.Cancelled)
                {
                    pending.Remove(id);
                }
            }

            return pending.Count == 0;
        }, "every unpaid order cancelled", limit);
    }

    private static async Task<IReadOnlyList<ScheduledDeadline>> DeadlinesAsync(HostProcess host)
        => (await GetAsync(host, "/api/v1/ops/jobs", RunningHost.OpsKey)).As<JobsResponse>().Deadlines;

    private static Task<JsonNode> GetAsync(HostProcess host, string path, string key) => host.GetOkAsync(path, key);

    /// <summary>How many of <paramref name="orderIds"/> have their unpaid-order deadline set.</summary>
    private static async Task<long> DeadlinesSetAsync(string database, IReadOnlyList<string> orderIds)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM deadlines WHERE kind = 'unpaid-order' AND key = ANY($1)", connection);
        count.Parameters.Add(new NpgsqlParameter { Value = orderIds.ToArray() });
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Claims the deadline of <paramref name="orderId"/> for a run that does not exist, as a host that died between
    /// claiming and queueing leaves it: the claim lasts until 3 s after the deadline is due, as a claim taken when it
    /// came due would. False when another run holds it already.
    /// </summary>
    private static async Task<bool> ClaimForLostRunAsync(string database, string orderId)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var claim = new NpgsqlCommand(
            "UPDATE deadlines SET run_id = $1, claimed_until = due_at + interval '3 seconds' WHERE kind = 'unpaid-order' AND key = $2 AND run_id IS NULL", connection);
        claim.Parameters.Add(new NpgsqlParameter { Value = $"lost{orderId}"[..Math.Min(32, orderId.Length + 4)] });
        claim.Parameters.Add(new NpgsqlParameter { Value = orderId });
        return await claim.ExecuteNonQueryAsync() == 1;
    }

    [GeneratedRegex(@"Deadline UnpaidOrder of (?<key>\S+) ran \(run (?<fire>[^)]+)\); again at [^\n]*")]
    private static partial Regex RunLine();

    private sealed record Run(HostProcess Host, string OrderId, string FireInstanceId, string Line);
}
