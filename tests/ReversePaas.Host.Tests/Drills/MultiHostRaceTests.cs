using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Simulators;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Sdk.Orders;
using Xunit.Abstractions;


namespace ReversePaas.Host.Tests.Drills;

/// <summary>
/// Two host processes on one PostgreSQL database and one Redis (the shared order lock) take a storm of at least
/// <see cref="RequestCount"/> HTTP requests racing on a few shared orders from every entry point: user, merchant and
/// customer-service applications, reviews, withdrawals, warehouse receipts, return shipments and cancellations.
/// No request may answer 500; once the background refunds have run, the database must show that no unit was
/// claimed twice, no cent refunded twice or lost (the ledger equals the refunds and the open claims to the cent, and a
/// cancelled order is refunded in full), every after-sale walked only legal moves, the payment system paid every
/// refund exactly once, and the search read model caught up with every after-sale.
/// </summary>
public sealed class MultiHostRaceTests(ITestOutputHelper log) : IAsyncLifetime
{
    private const int RequestCount = 10_000;

    // 48 in flight keeps both hosts and PostgreSQL busy on two cores without making lock queues longer than
    // Activities:LockTimeout: with 40 orders that is about one waiter per order lock.
    private const int Concurrency = 48;
    private const int OrderCount = 40;
    private const string LockTimeout = "00:00:10";

    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly List<HostProcess> _started = [];
    private bool _passed;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in _started)
        {
            // Every 503 is logged by the host with its stack trace: the output is worth reading only after a failure.
            var output = host.Output;
            log.WriteLine(_passed
                ? $"{host}: {output.Split('\n').Count(l => l.Contains(" fail: ", StringComparison.Ordinal))} error line(s) in its last output lines."
                : $"--- output of {host} (exit code {host.ExitCode}) ---\n{output}");
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_hosts_racing_ten_thousand_requests_on_shared_orders_never_lose_or_double_money()
    {
        var seed = Environment.GetEnvironmentVariable("REVERSEPAAS_RACE_SEED") is { Length: > 0 } fixedSeed
            ? int.Parse(fixedSeed, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        log.WriteLine($"Seed {seed} (set REVERSEPAAS_RACE_SEED to replay the same orders and request mix; timing still differs).");
        var database = await MigratedPostgres.NewAsync();
        var settings = new Dictionary<string, string>
        {
            ["Redis:Configuration"] = TestRedis.Configuration,
            // A prefix of this run's own: another run (or another test) on the same Redis never shares a lock key.
            ["Locks:Redis:KeyPrefix"] = $"rp-race-{Guid.NewGuid():N}:order:",
            ["Activities:LockTimeout"] = LockTimeout,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        };
        var starting = new[] { HostProcess.StartAsync(database, settings), HostProcess.StartAsync(database, settings) };
        try
        {
            await Task.WhenAll(starting);
        }
        finally
        {
            // Whichever started is disposed (and its output shown) by DisposeAsync, also when the other failed.
            _started.AddRange(starting.Where(s => s.IsCompletedSuccessfully).Select(s => s.Result));
        }

        var hosts = _started.ToArray();
        var orders = await RaceOrders.RegisterAsync(hosts, OrderCount, new Random(seed));

        var tally = new StormTally();
        var race = new RaceStorm(tally);
        var storm = Stopwatch.StartNew();
        await race.RunAsync(orders, hosts, RequestCount, Concurrency, seed);
        storm.Stop();

        var settle = Stopwatch.StartNew();
        var settled = await WaitUntilSettledAsync(database);
        settle.Stop();

        tally.Print(log, Concurrency, storm.Elapsed, settle.Elapsed, settled);
        foreach (var unexpected in tally.Unexpected.Take(50))
        {
            log.WriteLine($"UNEXPECTED: {unexpected}");
        }

        tally.Unexpected.Should().BeEmpty("no request may answer outside 200/201/400/404/409/503, and a 503 carries Retry-After (see UNEXPECTED in the output)");
        tally.Sent.Should().BeGreaterThanOrEqualTo(RequestCount);
        settled.Should().BeEmpty("the background work (refunds through the outbox) finishes on its own within {0}", SettleTimeout);

        var stuck = await new ReverseApi(hosts[0].Client).OkAsync(HttpMethod.Get, "/api/v1/ops/stuck", RunningHost.OpsKey);
        log.WriteLine($"GET /api/v1/ops/stuck: {stuck.ToJsonString()}");

        var problems = new List<string>();
        var payments = (await new ReverseApi(hosts[1].Client).OkAsync(HttpMethod.Get, "/api/v1/simulators/calls?system=payment", RunningHost.OpsKey)).As<SimulatedCall[]>();
        await RaceInvariants.VerifyAsync(database, orders, race.CreatedIds, payments, problems, log);
        if (stuck.As<StuckWorkResponse>().AfterSales is { Count: > 0 } parked)
        {
            problems.Add($"ops/stuck lists {parked.Count} after-sale(s) after the work settled: {string.Join("; ", parked)}");
        }

        foreach (var problem in problems.Take(50))
        {
            log.WriteLine($"PROBLEM: {problem}");
        }

        problems.Should().BeEmpty("the database must balance after the storm (see PROBLEM in the output)");
        _passed = true;
    }

    /// <summary>Polls until no refund waits and every outbox message is delivered; returns what still waits at the deadline.</summary>
    private static async Task<string> WaitUntilSettledAsync(string database)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            await using (var db = ReverseDbContexts.Open(database))
            {
                var pendingRefunds = await db.AfterSales.CountAsync(a => a.Status == AfterSaleStatus.PendingRefund);
                var pendingMessages = await db.OutboxMessages.CountAsync(m => m.DispatchedAt == null);
                if (pendingRefunds == 0 && pendingMessages == 0)
                {
                    return "";
                }

                if (deadline.Elapsed > SettleTimeout)
                {
                    var messages = await db.OutboxMessages.AsNoTracking().Where(m => m.DispatchedAt == null).OrderBy(m => m.Id).Take(10)
                        .Select(m => $"{m.Topic} {m.Key} attempts {m.Attempts} next {m.NextAttemptAt} error {m.LastError}").ToListAsync();
                    return $"{pendingRefunds} after-sale(s) PendingRefund, {pendingMessages} message(s) undelivered: {string.Join("; ", messages)}";
                }
            }

            await Task.Delay(PollInterval); // polling a condition with a deadline, not a fixed wait
        }
    }
}
