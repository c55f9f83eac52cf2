using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Npgsql;
using ReversePaas.Host.Jobs;
using ReversePaas.Host.Tests.Support;
using Xunit.Abstractions;

namespace ReversePaas.Host.Tests.Flows;

/// <summary>
/// Two host processes on one PostgreSQL database form one Quartz cluster (same default scheduler name): each
/// deadline fires on exactly one of them, both take part, and when one is SIGKILLed the other fires what it left,
/// including a deadline the dead one had already claimed. Runs are counted from the one line
/// <c>DeadlineJob</c> logs per run, in each process's output; deadlines come due in real time (a few seconds).
/// </summary>
public sealed partial class ClusteredDeadlineTests(ITestOutputHelper log) : IAsyncLifetime
{
    private const int OrderCount = 40;

    // Kestrel's line: still in the bounded output buffer means nothing the process logged since start was dropped.
    private const string StartLine = "Now listening on:";

    private const string FiredTriggersQuery =
        $"SELECT instance_name, trigger_name, state, sched_time FROM {JobStoreSchema.TablePrefix}fired_triggers";

    // Both processes get the same settings, as replicas of one deployment do.
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Orders:UnpaidTimeout"] = "00:00:04",
        // A killed node is presumed dead 4 check-ins after its last one (JobsServiceCollectionExtensions): ~5 s.
        ["Jobs:ClusterCheckinInterval"] = "00:00:01",
        // The tests poll over HTTP many times a second: request lines (off in appsettings.json too, kept off here
        // whatever it says) would push run lines out of the 400-line output buffer.
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
    };

    // How long the survivor may take to declare the killed node dead (~5 s) and fire its deadlines. Generous: under a
    // loaded full run (load average 30+) Quartz's check-ins and recovery are starved, and 15 s was once not enough.
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(90);

    // A claimed deadline due later than this is still unfired when the kill that follows the query lands.
    private static readonly TimeSpan ClaimedAhead = TimeSpan.FromMilliseconds(250);

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
        var hosts = await StartTogetherAsync(await TestDatabases.NewPostgresAsync());
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
    public async Task When_the_host_holding_a_claimed_deadline_is_killed_the_other_fires_every_deadline_exactly_once_including_the_claimed_one()
    {
        var database = await TestDatabases.NewPostgresAsync();
        var hosts = await StartTogetherAsync(database);
        await using var a = hosts[0];
        await using var b = hosts[1];
        var instances = new Dictionary<string, HostProcess> { [InstanceIdOf(a)] = a, [InstanceIdOf(b)] = b };

        var orders = await RegisterUnpaidAsync(a, b);
        // The victim is the node that claims a deadline first: a node claims the next deadline up to the idle wait
        // (1 s) before it is due, and which node does is up to Quartz, so waiting for one given node could miss.
        // Killed holding a claim on a deadline not yet due, the claim stays locked to it in the job store until the
        // survivor declares it dead: the survivor firing that deadline proves the dead node's work is recovered.
        // Killed while it runs nothing: a run's line is logged before Quartz records the run complete, so every
        // run the victim did is in its output.
        var victimInstance = "";
        await ReverseApi.WaitUntilAsync(async () =>
        {
            var soon = DateTimeOffset.UtcNow + ClaimedAhead;
            victimInstance = (await FiredTriggersAsync(database))
                .GroupBy(f => f.Instance)
                .FirstOrDefault(held => held.All(f => f.State == "ACQUIRED" && f.DueAt > soon))?.Key ?? "";
            return victimInstance.Length > 0;
        }, "a node holding a claim on a deadline that is not yet due, and running none");
        var victim = instances[victimInstance];
        var survivor = victim == a ? b : a;
        await victim.KillAsync();
        var held = (await FiredTriggersAsync(database)).Where(f => f.Instance == victimInstance).ToList();
        var pendingAtKill = orders.Where(o => !Runs(a, b).Any(r => r.OrderId == o)).ToList();
        log.WriteLine($"Killed {(victim == a ? "A" : "B")} ({victim}) holding {string.Join(", ", held)}; {pendingAtKill.Count} of {orders.Count} deadlines had not run");
        held.Should().NotBeEmpty("a dead node's claims stay in the job store until another node recovers them");

        await WaitUntilCancelledAsync(orders, RecoveryLimit, survivor);
        await ReverseApi.WaitUntilAsync(async () => (await DeadlinesAsync(survivor)).Count == 0, "no deadline left in the job store", RecoveryLimit);
        await ReverseApi.WaitUntilAsync(async () => !(await FiredTriggersAsync(database)).Any(f => f.Instance == victimInstance), "the dead node's claims released by the survivor's recovery", RecoveryLimit);
        await ReverseApi.WaitUntilAsync(() => Task.FromResult(orders.All(Runs(a, b).Select(r => r.OrderId).Contains)), "a run line for every order", RecoveryLimit);

        var runs = Runs(a, b);
        log.WriteLine($"Runs: {runs.Count(r => r.Host == victim)} on the killed node before the kill, {runs.Count(r => r.Host == survivor)} on the survivor");
        victim.Output.Should().Contain(StartLine, "the killed node's output must still hold everything it logged since start, or runs could be missing");
        survivor.Output.Should().Contain(StartLine, "the survivor's output must still hold everything it logged since start, or runs could be missing");
        AssertEachRanOnce(orders, runs);
        runs.Where(r => held.Any(h => h.OrderId == r.OrderId)).Should().OnlyContain(r => r.Host == survivor, "what the dead node had claimed is fired by the survivor");
        runs.Where(r => pendingAtKill.Contains(r.OrderId)).Should().OnlyContain(r => r.Host == survivor, "everything still pending at the kill is fired by the survivor");
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
        runs.Select(r => r.FireInstanceId).Should().OnlyHaveUniqueItems("one firing is run by one node");
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
                var order = await GetAsync(readers[turn++ % readers.Length], $"/api/v1/orders/{id}", RunningHost.CustomerServiceKey);
                if ((string)order["status"]! == "Cancelled")
                {
                    pending.Remove(id);
                }
            }

            return pending.Count == 0;
        }, "every unpaid order cancelled", limit);
    }

    private static async Task<JsonArray> DeadlinesAsync(HostProcess host)
        => (JsonArray)(await GetAsync(host, "/api/v1/ops/jobs", RunningHost.OpsKey))["deadlines"]!;

    private static Task<JsonNode> GetAsync(HostProcess host, string path, string key) => host.GetOkAsync(path, key);

    private static string InstanceIdOf(HostProcess host)
        => InstanceId().Match(host.Output) is { Success: true } match
            ? match.Groups["id"].Value
            : throw new InvalidOperationException($"{host} logged no Quartz instance id:\n{host.Output}");

    /// <summary>
    /// The triggers the scheduler instances have claimed (ACQUIRED) or are running (EXECUTING), read from Quartz's
    /// own table: which node holds what is not visible through the API, and a killed node cannot be asked.
    /// </summary>
    private static async Task<IReadOnlyList<FiredTrigger>> FiredTriggersAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(FiredTriggersQuery, connection);
        await using var reader = await query.ExecuteReaderAsync();
        var fired = new List<FiredTrigger>();
        while (await reader.ReadAsync())
        {
            // Quartz.NET stores times as UTC ticks.
            fired.Add(new FiredTrigger(reader.GetString(0), reader.GetString(1), reader.GetString(2), new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero)));
        }

        return fired;
    }

    [GeneratedRegex(@"Deadline UnpaidOrder of (?<key>\S+) ran \(fire (?<fire>[^)]+)\); again at [^\n]*")]
    private static partial Regex RunLine();

    [GeneratedRegex(@"with instanceId '(?<id>[^']+)' initialized")]
    private static partial Regex InstanceId();

    private sealed record Run(HostProcess Host, string OrderId, string FireInstanceId, string Line);

    /// <summary>A row of <c>qrtz_fired_triggers</c>; a deadline's trigger is named by its order.</summary>
    private sealed record FiredTrigger(string Instance, string OrderId, string State, DateTimeOffset DueAt)
    {
        public override string ToString() => $"{OrderId} ({State}, due {DueAt:HH:mm:ss.fff})";
    }
}
