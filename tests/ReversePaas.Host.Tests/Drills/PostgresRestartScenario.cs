using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using Xunit.Abstractions;

namespace ReversePaas.Host.Tests.Drills;

/// <summary>
/// The run behind <see cref="PostgresRestartDrill"/>, done once for its tests: a host on a throw-away PostgreSQL under
/// load from <see cref="Workers"/> concurrent flows; the server stopped and, once the load has had
/// <see cref="AnswersWhileDown"/> answers without it, started again; then the load runs until
/// <see cref="FlowsAfter"/> whole flows succeeded. Records every answer by phase, step and status, and reads the final
/// state straight from the database. Never throws: a failure of the run itself is kept in <see cref="Failure"/>.
/// </summary>
public sealed class PostgresRestartScenario : IAsyncLifetime
{
    public const int FlowsAfter = 10;

    private const int Workers = 8;
    private const int FlowsBefore = 10;
    private const int AnswersWhileDown = 40;

    // Generous, like SettleTimeout: the drill records how long each phase took, the bound only ends a run that hangs. On
    // the loaded shared machine (load average 37-46) the first flows of a freshly started host took over 20 s.
    private static readonly TimeSpan PhaseTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ReadyBound = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ClaimLease = TimeSpan.FromSeconds(10);
    // Generous: on an idle machine the backlog drains in a few seconds, on a loaded shared one it took up to 26 s.
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, int> _answers = new();
    private readonly ConcurrentQueue<string> _unexpected = new();
    private readonly ConcurrentDictionary<string, int> _completedFlows = new();
    private readonly List<string> _log = [];
    private volatile string _phase = "before";

    /// <summary>What broke the run itself (a timeout, a server that would not start), if anything.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Answers other than 2xx, or 503 without Retry-After, or no answer at all: "phase step: status body".</summary>
    public IReadOnlyCollection<string> UnexpectedAnswers => _unexpected;

    public int CompletedAfter => _completedFlows.GetValueOrDefault("after");

    public int ReadyWhileDown { get; private set; }

    public string? DatabaseCheckWhileDown { get; private set; }

    public int ReadyAfter { get; private set; }

    /// <summary>Orders whose ledger disagrees with their after-sales and refunds.</summary>
    public List<string> LedgerMismatches { get; } = [];

    public long RefundsWithoutCompletedAfterSale { get; private set; } = -1;

    public long CompletedWithoutRefund { get; private set; } = -1;

    /// <summary>Outbox messages claimed before the database stopped and still held by that claim when it came back.</summary>
    public long ClaimedAtRestart { get; private set; } = -1;

    /// <summary>After-sales still between approval and refund when the drill gave up waiting.</summary>
    public long Unsettled { get; private set; } = -1;

    public async Task InitializeAsync()
    {
        try
        {
            await RunAsync();
        }
        catch (Exception e)
        {
            Failure = e;
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Writes the run's timings and the answers it got, by phase, step and status.</summary>
    public void WriteTo(ITestOutputHelper output)
    {
        foreach (var line in _log)
        {
            output.WriteLine(line);
        }

        foreach (var answer in _answers.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{answer.Key}: {answer.Value}");
        }

        foreach (var unexpected in _unexpected.Take(5))
        {
            output.WriteLine($"unexpected: {unexpected}");
        }

        if (Failure is not null)
        {
            output.WriteLine($"run failed: {Failure}");
        }
    }

    private async Task RunAsync()
    {
        var drill = Stopwatch.StartNew();
        await using var postgres = await ThrowawayPostgres.StartAsync();
        // Claims that a dispatcher pass could not release while the database was gone wait out this lease (the 30 s
        // default would make the drill slow; docs/reliability.md, drill 4, has what the default means).
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: postgres.ConnectionString,
            settings: [$"Outbox:ClaimLease={ClaimLease:c}"]);
        var api = new ReverseApi(host);
        _log.Add($"Throw-away PostgreSQL on port {postgres.Port} and host ready after {drill.Elapsed.TotalSeconds:0.0} s");

        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, Workers).Select(w => Task.Run(() => WorkAsync(api, w, stop.Token))).ToArray();
        try
        {
            var warmUp = Stopwatch.StartNew();
            await WaitForAsync(() => _completedFlows.GetValueOrDefault("before") >= FlowsBefore, $"{FlowsBefore} flows before the restart");
            _log.Add($"{FlowsBefore} whole flows before the restart took {warmUp.Elapsed.TotalSeconds:0.0} s");

            _phase = "down";
            var outage = Stopwatch.StartNew();
            await postgres.StopServerAsync();
            var stoppedAt = DateTimeOffset.UtcNow;
            _log.Add($"PostgreSQL stopped ({outage.Elapsed.TotalMilliseconds:0} ms to stop)");
            // Kept down until the load has had a fair number of answers from the host without a database.
            await WaitForAsync(() => _answers.Where(a => a.Key.StartsWith("down ", StringComparison.Ordinal)).Sum(a => a.Value) >= AnswersWhileDown,
                $"{AnswersWhileDown} answers while PostgreSQL is down");
            var probe = Stopwatch.StartNew();
            var (readyStatus, ready, _) = await api.SendAsync(HttpMethod.Get, "/readyz", null);
            LogChecks($"/readyz while down answered in {probe.Elapsed.TotalMilliseconds:0} ms, {outage.Elapsed.TotalSeconds:0.00} s into the outage", ready);

            ReadyWhileDown = (int)readyStatus;
            DatabaseCheckWhileDown = ready?["checks"]?.AsArray().SingleOrDefault(c => (string?)c?["name"] == "database")?["status"]?.GetValue<string>();
            await postgres.StartServerAsync();
            _phase = "after";
            // Claims a dispatcher pass could not release while the database was gone stay until their lease lapses: those
            // taken before the stop (claimed_until = claim time + lease) and still held now. Same machine, same clock.
            var claimedBeforeStop = (stoppedAt + ClaimLease).UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
            ClaimedAtRestart = await CountAsync(postgres,
                $"SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL AND claimed_until > now() AND claimed_until <= '{claimedBeforeStop}'::timestamptz");
            _log.Add($"Outbox messages claimed before the stop and still held when the database came back: {ClaimedAtRestart}");
            _log.Add($"PostgreSQL started again after {outage.Elapsed.TotalSeconds:0.00} s down; /readyz while down: {ReadyWhileDown}, database {DatabaseCheckWhileDown}");

            var recovery = Stopwatch.StartNew();
            await WaitForAsync(() => CompletedAfter >= 1, "a first flow after the restart");
            _log.Add($"First whole flow after the restart: {recovery.Elapsed.TotalSeconds:0.00} s");
            await WaitForAsync(() => CompletedAfter >= FlowsAfter, $"{FlowsAfter} flows after the restart");
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(load);
        }

        // The background refunds of the approved after-sales finish once the database is back.
        var settle = Stopwatch.StartNew();
        var sampled = TimeSpan.Zero;
        while ((Unsettled = await CountAsync(postgres, "SELECT count(*) FROM after_sales WHERE status NOT IN ('PendingReview', 'Completed')")) > 0
            && settle.Elapsed < SettleTimeout)
        {
            if (settle.Elapsed - sampled >= TimeSpan.FromSeconds(2))
            {
                // The curve of the recovery, for docs/reliability.md: what waits, and whether it is held by a claim.
                sampled = settle.Elapsed;
                var outbox = (await RowsAsync(postgres, "SELECT count(*), count(*) FILTER (WHERE claimed_until > now()), count(*) FILTER (WHERE next_attempt_at > now()) FROM outbox_messages WHERE dispatched_at IS NULL"))[0];
                _log.Add($"  +{sampled.TotalSeconds:0} s: {Unsettled} after-sale(s) waiting for their refund; outbox pending {outbox[0]}, claimed {outbox[1]}, deferred {outbox[2]}");
            }

            await Task.Delay(100); // polling a condition with a deadline, not a fixed wait
        }

        _log.Add($"Background refunds settled {settle.Elapsed.TotalSeconds:0.0} s after the load stopped ({Unsettled} unsettled)");
        foreach (var row in await RowsAsync(postgres, "SELECT topic, attempts, left(coalesce(last_error, ''), 300), dispatched_at IS NOT NULL FROM outbox_messages WHERE attempts > 0 OR last_error IS NOT NULL ORDER BY id"))
        {
            _log.Add($"outbox message that failed or waited: {row[0]} attempts {row[1]} dispatched {row[3]}: {row[2]}");
        }

        foreach (var row in await RowsAsync(postgres, "SELECT after_sale_id, status, refund_attempts, left(coalesce(last_error, ''), 300), updated_at - created_at FROM after_sales WHERE refund_attempts > 0 OR last_error IS NOT NULL"))
        {
            _log.Add($"after-sale with a failed step: {row[0]} {row[1]} attempts {row[2]} after {row[4]}: {row[3]}");
        }

        // Per order: what is reserved is exactly its open after-sales' refunds (awaiting review, or approved and not yet
        // paid should the wait above have run out), what is refunded exactly the refunds paid, which are exactly its
        // Completed after-sales' refunds. The flows only apply for refunds, freight is 0: refund_amount is all of it.
        var ledgers = await RowsAsync(postgres, """
            SELECT o.order_id, o.ledger_reserved, o.ledger_refunded,
                   coalesce((SELECT sum(a.refund_amount) FROM after_sales a WHERE a.order_id = o.order_id AND a.status IN ('PendingReview', 'PendingRefund', 'RefundFailed')), 0),
                   coalesce((SELECT sum(r.amount) FROM refunds r WHERE r.order_id = o.order_id), 0),
                   coalesce((SELECT sum(a.refund_amount) FROM after_sales a WHERE a.order_id = o.order_id AND a.status = 'Completed'), 0)
            FROM orders o
            """);
        LedgerMismatches.AddRange(ledgers
            .Where(l => (decimal)l[1] != (decimal)l[3] || (decimal)l[2] != (decimal)l[4] || (decimal)l[4] != (decimal)l[5])
            .Select(l => $"order {l[0]}: reserved {l[1]} vs open after-sales {l[3]}; refunded {l[2]} vs refunds {l[4]} vs completed after-sales {l[5]}"));
        RefundsWithoutCompletedAfterSale = await CountAsync(postgres,
            "SELECT count(*) FROM refunds r LEFT JOIN after_sales a ON a.after_sale_id = r.after_sale_id WHERE a.status IS DISTINCT FROM 'Completed'");
        CompletedWithoutRefund = await CountAsync(postgres,
            "SELECT count(*) FROM after_sales a WHERE a.status = 'Completed' AND NOT EXISTS (SELECT 1 FROM refunds r WHERE r.after_sale_id = a.after_sale_id)");
        _log.Add($"Orders {ledgers.Count}, after-sales {await CountAsync(postgres, "SELECT count(*) FROM after_sales")} "
            + $"({await CountAsync(postgres, "SELECT count(*) FROM after_sales WHERE status = 'Completed'")} Completed), refunds {await CountAsync(postgres, "SELECT count(*) FROM refunds")}; "
            + $"drill {drill.Elapsed.TotalSeconds:0.0} s");

        // Ready again, within a bound: on a loaded machine a check can still be catching up when the refunds settle. Any
        // answer but 200 on the way is logged with its checks, so a host that stays unready shows which check holds it.
        var readying = Stopwatch.StartNew();
        while (true)
        {
            var (readyAfter, readyBody, _) = await api.SendAsync(HttpMethod.Get, "/readyz", null);
            ReadyAfter = (int)readyAfter;
            if (ReadyAfter == 200 || readying.Elapsed > ReadyBound)
            {
                _log.Add($"/readyz at the end: {ReadyAfter} after {readying.Elapsed.TotalSeconds:0.0} s");
                break;
            }

            LogChecks($"/readyz at the end answered {ReadyAfter}", readyBody);
            await Task.Delay(250); // polling a condition with a deadline, not a fixed wait
        }
    }

    /// <summary>One worker: whole flows on fresh orders, one after another; a flow refused at a step is dropped.</summary>
    private async Task WorkAsync(ReverseApi api, int worker, CancellationToken stop)
    {
        for (var flow = 0; !stop.IsCancellationRequested; flow++)
        {
            var started = _phase;
            var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 3, 33.33m).Line(2, "B", 1, 7.77m).Discount("P", "Promotion", 0.05m, 1);
            if (await StepAsync(api, "register", HttpMethod.Post, "/api/v1/orders", RunningHost.SystemKey, order.Build()) is null)
            {
                continue;
            }

            var sale = await StepAsync(api, "apply", HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey,
                new { orderId = order.OrderId, type = "RefundOnly", reason = $"drill {worker}/{flow}", lines = new[] { new { skuId = "A", quantity = 1 } } });
            if (sale is null)
            {
                continue;
            }

            if (await StepAsync(api, "approve", HttpMethod.Post, $"/api/v1/after-sales/{sale.As<AfterSaleResponse>().AfterSaleId}/review", RunningHost.CustomerServiceKey, new { decision = "Approve" }) is null)
            {
                continue;
            }

            // Counted for the phase it ran in whole; a flow that straddles a change of phase counts for neither.
            if (_phase == started)
            {
                _completedFlows.AddOrUpdate(started, 1, (_, n) => n + 1);
            }
        }
    }

    /// <summary>Sends one step, records its answer under the phase it was sent in, and returns the body of a success.</summary>
    private async Task<JsonNode?> StepAsync(ReverseApi api, string step, HttpMethod method, string path, string key, object body)
    {
        var phase = _phase;
        (HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response) answer;
        try
        {
            answer = await api.SendAsync(method, path, key, body);
        }
        catch (HttpRequestException e)
        {
            _answers.AddOrUpdate($"{phase} {step} no answer", 1, (_, n) => n + 1);
            _unexpected.Enqueue($"{phase} {step}: no answer: {e.Message}");
            return null;
        }

        var (status, json, response) = answer;
        _answers.AddOrUpdate($"{phase} {step} {(int)status}", 1, (_, n) => n + 1);
        var success = (int)status is >= 200 and < 300;
        if (!success && (status != HttpStatusCode.ServiceUnavailable || response.Headers.RetryAfter is null))
        {
            _unexpected.Enqueue($"{phase} {step}: {(int)status} {json?.ToJsonString()}");
        }

        return success ? json : null;
    }

    private void LogChecks(string heading, JsonNode? readyz)
    {
        _log.Add(heading);
        foreach (var check in readyz?["checks"]?.AsArray() ?? [])
        {
            _log.Add($"  {check?["name"]}: {check?["status"]}: {check?["description"]}");
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > PhaseTimeout)
            {
                throw new TimeoutException($"Waited {PhaseTimeout.TotalSeconds:0} s for: {what}");
            }

            await Task.Delay(50); // polling a condition with a deadline, not a fixed wait
        }
    }

    private static async Task<long> CountAsync(ThrowawayPostgres postgres, string sql)
        => (long)(await RowsAsync(postgres, sql))[0][0];

    private static async Task<List<object[]>> RowsAsync(ThrowawayPostgres postgres, string sql)
    {
        await using var connection = new NpgsqlConnection(postgres.UnpooledConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(sql, connection);
        await using var reader = await query.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }
}
