using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Kernel.AfterSales;
using ReversePaas.Persistence;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Orders;
using Xunit.Abstractions;

namespace ReversePaas.Host.Tests.Scale;

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

    // Amounts whose per-unit shares and discount parts do not divide evenly, so the cent allocation is exercised.
    private static readonly decimal[] AwkwardPrices = [33.33m, 19.99m, 0.07m, 120.01m, 7.77m, 45.45m, 99.98m, 3.34m, 12.51m, 66.67m, 1.01m, 249.99m];

    private static readonly HashSet<HttpStatusCode> Expected =
    [
        HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.Conflict, HttpStatusCode.ServiceUnavailable,
    ];

    // DOMAIN.md section 4, written out here rather than taken from the kernel's table, so that the test checks the
    // kernel against the contract and not against itself.
    private static readonly Dictionary<AfterSaleType, (AfterSaleStatus From, AfterSaleStatus To)[]> LegalMoves = new()
    {
        [AfterSaleType.Cancel] =
        [
            (AfterSaleStatus.Intercepting, AfterSaleStatus.PendingRefund), (AfterSaleStatus.Intercepting, AfterSaleStatus.InterceptionFailed),
            (AfterSaleStatus.PendingRefund, AfterSaleStatus.Completed), (AfterSaleStatus.PendingRefund, AfterSaleStatus.RefundFailed),
            (AfterSaleStatus.RefundFailed, AfterSaleStatus.PendingRefund),
        ],
        [AfterSaleType.RefundOnly] =
        [
            (AfterSaleStatus.PendingReview, AfterSaleStatus.PendingRefund), (AfterSaleStatus.PendingReview, AfterSaleStatus.Rejected),
            (AfterSaleStatus.PendingReview, AfterSaleStatus.Withdrawn),
            (AfterSaleStatus.PendingRefund, AfterSaleStatus.Completed), (AfterSaleStatus.PendingRefund, AfterSaleStatus.RefundFailed),
            (AfterSaleStatus.RefundFailed, AfterSaleStatus.PendingRefund),
        ],
        [AfterSaleType.ReturnRefund] =
        [
            (AfterSaleStatus.PendingReview, AfterSaleStatus.PendingReturn), (AfterSaleStatus.PendingReview, AfterSaleStatus.Rejected),
            (AfterSaleStatus.PendingReview, AfterSaleStatus.Withdrawn),
            (AfterSaleStatus.PendingReturn, AfterSaleStatus.Withdrawn), (AfterSaleStatus.PendingReturn, AfterSaleStatus.PendingRefund),
            (AfterSaleStatus.PendingRefund, AfterSaleStatus.Completed), (AfterSaleStatus.PendingRefund, AfterSaleStatus.RefundFailed),
            (AfterSaleStatus.RefundFailed, AfterSaleStatus.PendingRefund),
        ],
    };

    private readonly List<HostProcess> _started = [];
    private readonly ConcurrentDictionary<string, int> _counts = new();
    private readonly ConcurrentDictionary<string, int> _conflictReasons = new();
    private readonly ConcurrentDictionary<string, int> _unavailableCauses = new();
    private readonly ConcurrentQueue<string> _unexpected = new();
    private readonly ConcurrentDictionary<string, byte> _createdIds = new();
    private readonly List<KnownSale> _sales = [];
    private int _sent;
    private int _idempotentPairs;
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
        var database = await TestDatabases.NewPostgresAsync();
        var settings = new Dictionary<string, string>
        {
            ["Redis:Configuration"] = RedisServer,
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
        var orders = await RegisterOrdersAsync(hosts, new Random(seed));

        var storm = Stopwatch.StartNew();
        var tickets = 0;
        var workers = Enumerable.Range(0, Concurrency).Select(w => Task.Run(async () =>
        {
            var random = new Random(unchecked((seed * 397) ^ w));
            int ticket;
            while ((ticket = Interlocked.Increment(ref tickets)) <= RequestCount)
            {
                await OneAsync(random, orders, hosts[ticket % 2], hosts[(ticket + 1) % 2]);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        storm.Stop();

        var settle = Stopwatch.StartNew();
        var settled = await WaitUntilSettledAsync(database);
        settle.Stop();

        PrintSummary(storm.Elapsed, settle.Elapsed, settled);
        foreach (var unexpected in _unexpected.Take(50))
        {
            log.WriteLine($"UNEXPECTED: {unexpected}");
        }

        _unexpected.Should().BeEmpty("no request may answer outside 200/201/400/404/409/503, and a 503 carries Retry-After (see UNEXPECTED in the output)");
        _sent.Should().BeGreaterThanOrEqualTo(RequestCount);
        settled.Should().BeEmpty("the background work (refunds through the outbox) finishes on its own within {0}", SettleTimeout);

        var stuck = await GetJsonAsync(hosts[0], "/api/v1/ops/stuck", RunningHost.OpsKey);
        log.WriteLine($"GET /api/v1/ops/stuck: {stuck.ToJsonString()}");

        var problems = new List<string>();
        var payments = (JsonArray)await GetJsonAsync(hosts[1], "/api/v1/simulators/calls?system=payment", RunningHost.OpsKey);
        await VerifyDatabaseAsync(database, orders, payments, problems);
        if (stuck["afterSales"] is JsonArray { Count: > 0 } parked)
        {
            problems.Add($"ops/stuck lists {parked.Count} after-sale(s) after the work settled: {parked.ToJsonString()}");
        }

        foreach (var problem in problems.Take(50))
        {
            log.WriteLine($"PROBLEM: {problem}");
        }

        problems.Should().BeEmpty("the database must balance after the storm (see PROBLEM in the output)");
        _passed = true;
    }

    // ---------------------------------------------------------------- orders

    private static async Task<IReadOnlyList<OrderSpec>> RegisterOrdersAsync(HostProcess[] hosts, Random random)
    {
        var orders = new List<OrderSpec>();
        for (var i = 0; i < OrderCount; i++)
        {
            var pop = i % 2 == 1;
            // Mostly delivered orders (RefundOnly and ReturnRefund allowed); a few shipped; a few not yet shipped, so
            // cancellations (interception, or the POP merchant's confirmation) race with refund applications too.
            var status = (i % 10) switch
            {
                < 6 => "Completed",
                < 8 => "Shipped",
                _ => "PendingShipment",
            };
            var builder = new OrderBuilder($"O-race-{i:00}-{Guid.NewGuid():N}").With("venderType", pop ? "Pop" : "Self");
            builder = status switch
            {
                "Completed" => builder.Completed(DateTimeOffset.UtcNow.AddDays(-1)),
                "Shipped" => builder.Status("Shipped"),
                // NotPushed and Pushed: the WMS stops the goods; Packed: the interception fails (retail.self).
                _ => builder.Status("PendingShipment", (i / 10 % 3) switch { 0 => "NotPushed", 1 => "Pushed", _ => "Packed" }),
            };
            if (!pop && i % 4 == 0)
            {
                // retail.self approves trusted customers' refunds up to 200.00 by itself: the approve-to-refund path
                // then starts inside the application request.
                builder.With("attributes", new JsonObject { ["trusted"] = "true" });
            }

            if (i % 4 == 1)
            {
                builder.Freight(8.88m);
            }

            var lines = new List<LineSpec>();
            var lineCount = 2 + random.Next(3);
            // Every fourth order sells one SKU twice under two promotions: a request must name the promotion type
            // to be matched (DOMAIN.md section 1), and one that does not is ambiguous.
            var duplicateSku = i % 4 == 2;
            for (var n = 1; n <= lineCount; n++)
            {
                var sku = duplicateSku && n == 2 ? "S1" : $"S{n}";
                // Enough units that the orders are not used up early in the storm (claims of completed after-sales
                // stay claimed), so applications keep racing each other rather than meeting a full order.
                var line = new LineSpec(n, sku, 3 + random.Next(10), AwkwardPrices[random.Next(AwkwardPrices.Length)], duplicateSku && n == 2 ? "2" : "1");
                lines.Add(line);
                builder.Line(line.LineNo, line.Sku, line.Quantity, line.UnitPrice, line.PromotionType);
            }

            if (i % 3 == 0)
            {
                var scope = lines.Take(2).Sum(l => l.Quantity * l.UnitPrice);
                builder.Discount("P1", "Promotion", Math.Round(scope * 0.137m, 2), 1, 2);
                builder.Discount("C1", "Coupon", Math.Round(lines.Sum(l => l.Quantity * l.UnitPrice) * 0.0713m, 2));
            }

            var host = hosts[i % 2];
            var (code, body, text) = await SendRawAsync(host, HttpMethod.Post, "/api/v1/orders", RunningHost.SystemKey, builder.Build(), null);
            code.Should().Be(HttpStatusCode.Created, text);
            ((string)body!["businessIdentity"]!).Should().Be(pop ? "retail.pop" : "retail.self");
            orders.Add(new OrderSpec(builder.OrderId, pop, status, lines, duplicateSku));
        }

        return orders;
    }

    // ---------------------------------------------------------------- the storm

    private async Task OneAsync(Random random, IReadOnlyList<OrderSpec> orders, HostProcess host, HostProcess other)
    {
        var roll = random.Next(100);
        // Receipts and return shipments only exist for returns: they target ReturnRefund after-sales.
        var sale = roll switch
        {
            < 40 => null,
            >= 74 and < 88 => PickSale(random, s => s.Type == AfterSaleType.ReturnRefund),
            _ => PickSale(random, _ => true),
        };
        if (roll < 40 || (sale is null && roll < 88))
        {
            await ApplyAsync(random, orders[random.Next(orders.Count)], host, other);
            return;
        }

        switch (roll)
        {
            case < 66:
                await ReviewAsync(random, sale!, host);
                break;
            case < 74:
                await SendAsync("withdraw", host, HttpMethod.Post, $"/api/v1/after-sales/{sale!.Id}/withdraw", sale.ApplicantKey, null);
                break;
            case < 84:
                await ReceiveAsync(random, sale!, host);
                break;
            case < 88:
                await SendAsync("return-shipment", host, HttpMethod.Post, $"/api/v1/after-sales/{sale!.Id}/return-shipment", RunningHost.UserKey,
                    new JsonObject { ["carrier"] = "SF", ["trackingNo"] = $"SF{random.Next(1_000_000):000000}" });
                break;
            case < 94:
                await CancelAsync(random, orders, host);
                break;
            case < 99 when sale is not null:
                await ReadAsync(random, sale, host);
                break;
            default:
                // Names nobody knows: answered 404, never 500.
                await SendAsync("unknown", host, HttpMethod.Post, $"/api/v1/after-sales/AS-0000-{Guid.NewGuid():N}/review", RunningHost.CustomerServiceKey,
                    new JsonObject { ["decision"] = "Approve" });
                break;
        }
    }

    private async Task ApplyAsync(Random random, OrderSpec order, HostProcess host, HostProcess other)
    {
        var (key, applicant) = random.Next(10) switch
        {
            < 6 => (RunningHost.UserKey, "user"),
            < 8 => (RunningHost.MerchantKey, "merchant"),
            _ => (RunningHost.CustomerServiceKey, "cs"),
        };
        var type = random.Next(2) == 0 ? "RefundOnly" : "ReturnRefund";
        var lines = new JsonArray();
        foreach (var line in order.Lines.OrderBy(_ => random.Next()).Take(1 + random.Next(2)))
        {
            // A few units, so that an order takes many applications to use up; sometimes more than was ever
            // ordered (quantity-over-claimable).
            var quantity = random.Next(100) < 10 ? line.Quantity + 1 + random.Next(3) : 1 + random.Next(Math.Min(3, line.Quantity));
            var requested = new JsonObject { ["skuId"] = line.Sku, ["quantity"] = quantity };
            if (order.DuplicateSku ? random.Next(10) > 0 : random.Next(10) == 0)
            {
                requested["promotionType"] = line.PromotionType;
            }

            if (random.Next(5) == 0)
            {
                requested["unitPrice"] = line.UnitPrice;
            }

            if (type == "RefundOnly" && random.Next(4) == 0)
            {
                // A price-difference refund of awkward cents, now and then more than the units paid (refund-over-paid).
                var cap = (int)Math.Min(int.MaxValue - 2, line.UnitPrice * quantity * 105m);
                requested["refundAmount"] = random.Next(1, cap + 2) / 100m;
            }

            lines.Add(requested);
        }

        if (random.Next(50) == 0)
        {
            // Malformed: answered 400, never 500.
            lines[0]!["quantity"] = 0;
        }

        var body = new JsonObject
        {
            ["orderId"] = order.OrderId,
            ["type"] = type,
            ["reason"] = $"race {applicant}",
            ["lines"] = lines,
            ["evidence"] = new JsonArray(),
        };
        if (random.Next(20) == 0)
        {
            // The same request with the same Idempotency-Key to both hosts at once: one after-sale at most.
            await IdempotentPairAsync(order, key, applicant, body, host, other);
            return;
        }

        var answer = await SendAsync($"apply-{applicant}", host, HttpMethod.Post, "/api/v1/after-sales", key, body);
        Remember(answer, order, key);
    }

    private async Task IdempotentPairAsync(OrderSpec order, string key, string applicant, JsonObject body, HostProcess host, HostProcess other)
    {
        Interlocked.Increment(ref _idempotentPairs);
        var idempotencyKey = $"race-{Guid.NewGuid():N}";
        var answers = await Task.WhenAll(
            SendAsync($"apply-{applicant}-idem", host, HttpMethod.Post, "/api/v1/after-sales", key, body, idempotencyKey),
            SendAsync($"apply-{applicant}-idem", other, HttpMethod.Post, "/api/v1/after-sales", key, body, idempotencyKey));
        var ids = answers.Where(a => a.Code == HttpStatusCode.Created).Select(a => (string)a.Body!["afterSaleId"]!).Distinct().ToList();
        if (ids.Count > 1)
        {
            _unexpected.Enqueue($"Idempotency-Key {idempotencyKey} sent twice with the same body created two after-sales: {string.Join(", ", ids)}");
        }

        foreach (var answer in answers)
        {
            Remember(answer, order, key);
        }
    }

    private async Task ReviewAsync(Random random, KnownSale sale, HostProcess host)
    {
        // Only reviewers the after-sale may have: the merchant for what retail.pop routes to it (its reviews and the
        // cancellations it confirms), customer service and ops for anything. A merchant elsewhere would be 403.
        var roll = random.Next(10);
        var (key, who) = sale.Order.IsPop && roll < 6
            ? (RunningHost.MerchantKey, "merchant")
            : roll < 9 ? (RunningHost.CustomerServiceKey, "cs") : (RunningHost.OpsKey, "ops");
        var approve = random.Next(100) < 65;
        await SendAsync($"review-{who}", host, HttpMethod.Post, $"/api/v1/after-sales/{sale.Id}/review", key,
            new JsonObject { ["decision"] = approve ? "Approve" : "Reject", ["comment"] = approve ? "ok" : "no" });
    }

    private async Task ReceiveAsync(Random random, KnownSale sale, HostProcess host)
    {
        // The warehouse receipt moves an approved return on to its refund; one in ten counts wrong (receipt-mismatch).
        var lines = new JsonArray();
        foreach (var (lineNo, quantity) in sale.Lines)
        {
            lines.Add(new JsonObject { ["lineNo"] = lineNo, ["quantity"] = random.Next(10) == 0 ? quantity + 1 : quantity });
        }

        await SendAsync("warehouse-receipt", host, HttpMethod.Post, $"/api/v1/after-sales/{sale.Id}/warehouse-receipt", RunningHost.SystemKey,
            new JsonObject { ["lines"] = lines });
    }

    private async Task CancelAsync(Random random, IReadOnlyList<OrderSpec> orders, HostProcess host)
    {
        // Mostly the orders that can still be cancelled; the others answer 409 not-eligible.
        var pending = orders.Where(o => o.Status == "PendingShipment").ToList();
        var order = random.Next(10) < 8 ? pending[random.Next(pending.Count)] : orders[random.Next(orders.Count)];
        var (key, who) = random.Next(2) == 0 ? (RunningHost.UserKey, "user") : (RunningHost.CustomerServiceKey, "cs");
        var answer = await SendAsync($"cancel-{who}", host, HttpMethod.Post, $"/api/v1/orders/{order.OrderId}/cancel", key, new JsonObject { ["reason"] = "race" });
        Remember(answer, order, key);
    }

    private async Task ReadAsync(Random random, KnownSale sale, HostProcess host)
    {
        switch (random.Next(3))
        {
            case 0:
                await SendAsync("read", host, HttpMethod.Get, $"/api/v1/after-sales/{sale.Id}", RunningHost.UserKey, null);
                break;
            case 1:
                await SendAsync("read", host, HttpMethod.Get, $"/api/v1/orders/{sale.Order.OrderId}", RunningHost.CustomerServiceKey, null);
                break;
            default:
                await SendAsync("read", host, HttpMethod.Get, $"/api/v1/after-sales?orderId={sale.Order.OrderId}&pageSize=50", RunningHost.MerchantKey, null);
                break;
        }
    }

    private void Remember((HttpStatusCode Code, JsonNode? Body) answer, OrderSpec order, string applicantKey)
    {
        if (answer.Code != HttpStatusCode.Created || answer.Body?["afterSaleId"] is not { } idNode)
        {
            return;
        }

        var id = (string)idNode!;
        _createdIds.TryAdd(id, 0);
        var lines = answer.Body["lines"]!.AsArray().Select(l => ((int)l!["lineNo"]!, (int)l["quantity"]!)).ToList();
        lock (_sales)
        {
            if (!_sales.Any(s => s.Id == id))
            {
                _sales.Add(new KnownSale(id, order, Enum.Parse<AfterSaleType>((string)answer.Body["type"]!), applicantKey, lines));
            }
        }
    }

    /// <summary>Mostly one of the newest after-sales, so that several requests act on the same one at once.</summary>
    private KnownSale? PickSale(Random random, Func<KnownSale, bool> which)
    {
        List<KnownSale> candidates;
        lock (_sales)
        {
            candidates = [.. _sales.Where(which)];
        }

        if (candidates.Count == 0)
        {
            return null;
        }

        return random.Next(10) < 7
            ? candidates[candidates.Count - 1 - random.Next(Math.Min(candidates.Count, 24))]
            : candidates[random.Next(candidates.Count)];
    }

    private async Task<(HttpStatusCode Code, JsonNode? Body)> SendAsync(string action, HostProcess host, HttpMethod method, string path, string key, JsonNode? body, string? idempotencyKey = null)
    {
        Interlocked.Increment(ref _sent);
        HttpStatusCode code;
        JsonNode? json;
        string text;
        bool retryAfter;
        try
        {
            using var request = RunningHost.Request(method, path, key);
            if (body is not null)
            {
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            }

            if (idempotencyKey is not null)
            {
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            }

            using var response = await host.Client.SendAsync(request);
            code = response.StatusCode;
            retryAfter = response.Headers.RetryAfter is not null;
            text = await response.Content.ReadAsStringAsync();
            json = Parse(text);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            _counts.AddOrUpdate($"{action} failed", 1, (_, n) => n + 1);
            _unexpected.Enqueue($"{method} {path} ({KeyName(key)}) on {host}: {e.GetType().Name} {e.Message}");
            return ((HttpStatusCode)0, null);
        }

        _counts.AddOrUpdate($"{action} {(int)code}", 1, (_, n) => n + 1);
        if (code == HttpStatusCode.Conflict)
        {
            _conflictReasons.AddOrUpdate((string?)json?["reason"] ?? "(none)", 1, (_, n) => n + 1);
        }

        if (code == HttpStatusCode.ServiceUnavailable)
        {
            // Which guard answered: the lock wait ran out, the lock store did not answer in time, or the version fence.
            var detail = (string?)json?["detail"] ?? "";
            var cause = detail.Contains("cannot be reached", StringComparison.Ordinal) ? "lock store did not answer"
                : detail.Contains("is busy", StringComparison.Ordinal) ? "lock wait ran out"
                : detail.Contains("changed by someone else", StringComparison.Ordinal) ? "version conflict"
                : detail.Length > 60 ? detail[..60] : detail;
            _unavailableCauses.AddOrUpdate(cause, 1, (_, n) => n + 1);
        }

        if (!Expected.Contains(code) || (code == HttpStatusCode.ServiceUnavailable && !retryAfter))
        {
            _unexpected.Enqueue($"{method} {path} ({KeyName(key)}) on {host} with {body?.ToJsonString() ?? "no body"} → {(int)code}{(retryAfter ? "" : " (no Retry-After)")}: {text}");
        }

        return (code, json);
    }

    // ---------------------------------------------------------------- settling and verification

    /// <summary>Polls until no refund waits and every outbox message is delivered; returns what still waits at the deadline.</summary>
    private static async Task<string> WaitUntilSettledAsync(string database)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            await using (var db = Open(database))
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

    private async Task VerifyDatabaseAsync(string database, IReadOnlyList<OrderSpec> registered, JsonArray payments, List<string> problems)
    {
        await using var db = Open(database);
        var orders = await db.Orders.AsNoTracking().Include(o => o.Lines).AsSplitQuery().ToListAsync();
        var sales = await db.AfterSales.AsNoTracking().Include(a => a.Lines).Include(a => a.Timeline).AsSplitQuery().ToListAsync();
        var refunds = await db.Refunds.AsNoTracking().ToListAsync();
        var documents = await db.SearchDocuments.AsNoTracking().ToDictionaryAsync(d => d.AfterSaleId);
        var salesById = sales.ToDictionary(s => s.AfterSaleId);

        log.WriteLine($"Database: {orders.Count} orders, {sales.Count} after-sales ({string.Join(", ", sales.GroupBy(s => $"{s.Type}/{s.Status}").OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}), {refunds.Count} refunds of {refunds.Sum(r => r.Amount):0.00} in total.");
        orders.Should().HaveCount(registered.Count);

        // Nothing written that was not answered 201, nothing answered 201 that was not written.
        foreach (var ghost in sales.Where(s => !_createdIds.ContainsKey(s.AfterSaleId)))
        {
            problems.Add($"after-sale {ghost.AfterSaleId} ({ghost.Type} {ghost.Status}) is in the database but no request was answered 201 with it");
        }

        foreach (var lost in _createdIds.Keys.Where(id => !salesById.ContainsKey(id)))
        {
            problems.Add($"after-sale {lost} was answered 201 but is not in the database");
        }

        foreach (var order in orders)
        {
            var ofOrder = sales.Where(s => s.OrderId == order.OrderId).ToList();
            var claiming = ofOrder.Where(s => s.Status is not (AfterSaleStatus.Rejected or AfterSaleStatus.Withdrawn or AfterSaleStatus.InterceptionFailed)).ToList();
            var ledger = order.Ledger;
            var where = $"order {order.OrderId} ({order.BusinessIdentity}, {order.Status}; paid {ledger.Paid:0.00}, reserved {ledger.Reserved:0.00}, refunded {ledger.Refunded:0.00})";

            // Over-claim: units and money per line, freight at most once.
            foreach (var line in order.Lines)
            {
                var units = claiming.Sum(s => s.Lines.Where(l => l.LineNo == line.LineNo).Sum(l => l.Quantity));
                if (units > line.Quantity)
                {
                    problems.Add($"{where}: line {line.LineNo} ordered {line.Quantity}, claimed {units} by {Describe(claiming.Where(s => s.Lines.Any(l => l.LineNo == line.LineNo)))}");
                }

                var money = claiming.Sum(s => s.Lines.Where(l => l.LineNo == line.LineNo).Sum(l => l.RefundAmount));
                if (money > line.PaidAmount)
                {
                    problems.Add($"{where}: line {line.LineNo} paid {line.PaidAmount:0.00}, its claims refund {money:0.00}");
                }
            }

            var freightClaims = claiming.Where(s => s.FreightRefund > 0).ToList();
            if (freightClaims.Count > 1 || freightClaims.Sum(s => s.FreightRefund) > order.Freight)
            {
                problems.Add($"{where}: freight {order.Freight:0.00} claimed by {Describe(freightClaims)}");
            }

            // The ledger (docs/money.md): paid = lines + freight; refunded = the refunds paid out = the completed
            // after-sales' refunds; reserved = what open claims promise; refundable = paid − refunded − reserved ≥ 0.
            var linesAndFreight = order.Lines.Sum(l => l.PaidAmount) + order.Freight;
            var refundRows = refunds.Where(r => r.OrderId == order.OrderId).Sum(r => r.Amount);
            var completed = claiming.Where(s => s.Status == AfterSaleStatus.Completed).Sum(s => s.RefundAmount);
            var open = claiming.Where(s => s.Status != AfterSaleStatus.Completed).Sum(s => s.RefundAmount);
            if (ledger.Paid != linesAndFreight)
            {
                problems.Add($"{where}: paid should be lines + freight = {linesAndFreight:0.00}");
            }

            if (ledger.Refunded > ledger.Paid || ledger.Refunded + ledger.Reserved > ledger.Paid || ledger.Refundable < 0)
            {
                problems.Add($"{where}: over-refund (refundable {ledger.Refundable:0.00})");
            }

            if (ledger.Refunded != refundRows)
            {
                problems.Add($"{where}: refunded differs from the refunds table ({refundRows:0.00})");
            }

            if (ledger.Refunded != completed)
            {
                problems.Add($"{where}: refunded differs from the completed after-sales' refunds ({completed:0.00}: {Describe(claiming.Where(s => s.Status == AfterSaleStatus.Completed))})");
            }

            if (ledger.Reserved != open)
            {
                problems.Add($"{where}: reserved differs from the open claims ({open:0.00}: {Describe(claiming.Where(s => s.Status != AfterSaleStatus.Completed))})");
            }

            // A full refund closes a delivered order; a stopped cancellation cancels it; nothing else moves it.
            var spec = registered.Single(o => o.OrderId == order.OrderId);
            var intercepted = ofOrder.Any(s => s.Type == AfterSaleType.Cancel && s.Status is AfterSaleStatus.PendingRefund or AfterSaleStatus.RefundFailed or AfterSaleStatus.Completed);
            var expectedStatus = intercepted ? OrderStatus.Cancelled
                : spec.Status != "PendingShipment" && ledger.Paid > 0 && ledger.Refunded == ledger.Paid ? OrderStatus.Closed
                : Enum.Parse<OrderStatus>(spec.Status);
            if (order.Status != expectedStatus)
            {
                problems.Add($"{where}: status should be {expectedStatus}");
            }

            // API.md, Cancellation: when the goods are stopped "the whole paid amount (freight included) is refunded
            // and the order is Cancelled". A cancelled order takes no application any more (not-eligible), so money of
            // it that is neither refunded nor reserved for an after-sale still in progress can never be refunded:
            // it stays with the merchant for goods that never shipped. And a cancellation still waiting for the
            // merchant on an order that is already cancelled can never be confirmed (order-not-pending-shipment).
            if (order.Status == OrderStatus.Cancelled)
            {
                if (ledger.Refundable != 0)
                {
                    problems.Add($"{where}: cancelled, yet {ledger.Refundable:0.00} of what was paid is neither refunded nor reserved, and no after-sale can claim it any more — after-sales: {Describe(ofOrder)}");
                }

                foreach (var waiting in ofOrder.Where(s => s.Type == AfterSaleType.Cancel && s.Status == AfterSaleStatus.Intercepting))
                {
                    problems.Add($"{where}: cancelled, yet cancellation {waiting.AfterSaleId} still waits in Intercepting holding {waiting.RefundAmount:0.00}, and confirming it can only fail — after-sales: {Describe(ofOrder)}");
                }
            }
        }

        foreach (var sale in sales)
        {
            VerifyStatusAndTimeline(sale, problems);
            if (sale.Lines.Sum(l => l.RefundAmount) + sale.FreightRefund != sale.RefundAmount)
            {
                problems.Add($"{sale.AfterSaleId}: refundAmount {sale.RefundAmount:0.00} is not its lines {sale.Lines.Sum(l => l.RefundAmount):0.00} + freight {sale.FreightRefund:0.00}");
            }

            if (sale.Status is AfterSaleStatus.PendingRefund or AfterSaleStatus.RefundFailed)
            {
                problems.Add($"{sale.AfterSaleId} ({sale.Type}) is still {sale.Status} after the work settled (last error: {sale.LastError})");
            }

            // The search read model (fed by the outbox, both hosts delivering) ends at every after-sale's latest state:
            // its consumer reloads the after-sale, so neither duplicate nor reordered deliveries may leave it behind.
            if (!documents.TryGetValue(sale.AfterSaleId, out var document) || document.Version != sale.Version || document.Status != sale.Status.ToString())
            {
                problems.Add($"{sale.AfterSaleId} ({sale.Status}, version {sale.Version}): search document {(document is null ? "missing" : $"{document.Status}, version {document.Version}")}");
            }

            var rows = refunds.Count(r => r.AfterSaleId == sale.AfterSaleId);
            var paysMoney = sale.Status == AfterSaleStatus.Completed && sale.RefundAmount > 0;
            if (rows != (paysMoney ? 1 : 0))
            {
                problems.Add($"{sale.AfterSaleId} ({sale.Type} {sale.Status}, refund {sale.RefundAmount:0.00}) has {rows} refund row(s)");
            }
        }

        foreach (var refund in refunds)
        {
            if (!salesById.TryGetValue(refund.AfterSaleId, out var sale) || sale.RefundAmount != refund.Amount || sale.OrderId != refund.OrderId)
            {
                problems.Add($"refund {refund.RefundId} of {refund.Amount:0.00} for {refund.AfterSaleId} does not match its after-sale");
            }
        }

        // The payment system: exactly one success per refund recorded, for its amount, and none for anything else
        // (a success without a refund row would be money paid out that the ledger does not know).
        var succeeded = payments.Where(c => (string)c!["outcome"]! == "succeeded").ToList();
        foreach (var group in succeeded.GroupBy(c => (string)c!["key"]!))
        {
            var refund = refunds.SingleOrDefault(r => r.RefundId == group.Key);
            if (group.Count() != 1 || refund is null || (decimal)group.Single()!["amount"]! != refund.Amount)
            {
                problems.Add($"payment journal: {group.Count()} success(es) for refund {group.Key} ({string.Join(", ", group.Select(c => (decimal?)c!["amount"]))}), refund row {refund?.Amount.ToString("0.00", CultureInfo.InvariantCulture) ?? "none"}");
            }
        }

        foreach (var unpaid in refunds.Where(r => !succeeded.Any(c => (string)c!["key"]! == r.RefundId)))
        {
            problems.Add($"refund {unpaid.RefundId} of {unpaid.Amount:0.00} is recorded but the payment system has no success for it");
        }

        log.WriteLine($"Payment journal: {payments.Count} call(s), {succeeded.Count} succeeded, {payments.Count(c => (string)c!["outcome"]! == "replayed")} replayed, {payments.Count(c => (string)c!["outcome"]! == "refused")} refused.");
    }

    private static void VerifyStatusAndTimeline(AfterSale sale, List<string> problems)
    {
        if (!LegalMoves.TryGetValue(sale.Type, out var moves))
        {
            problems.Add($"{sale.AfterSaleId}: type {sale.Type} was never requested");
            return;
        }

        var initial = sale.Type == AfterSaleType.Cancel ? AfterSaleStatus.Intercepting : AfterSaleStatus.PendingReview;
        var legalStatuses = moves.SelectMany(m => new[] { m.From, m.To }).ToHashSet();
        if (!legalStatuses.Contains(sale.Status))
        {
            problems.Add($"{sale.AfterSaleId}: {sale.Status} is not a status of {sale.Type}");
        }

        var timeline = sale.Timeline.OrderBy(t => t.Sequence).ToList();
        if (timeline.Count == 0)
        {
            problems.Add($"{sale.AfterSaleId}: empty timeline");
            return;
        }

        if (!timeline.Select(t => t.Sequence).SequenceEqual(Enumerable.Range(1, timeline.Count)))
        {
            problems.Add($"{sale.AfterSaleId}: timeline sequences {string.Join(",", timeline.Select(t => t.Sequence))} have gaps");
        }

        if (timeline[0].Status != initial.ToString())
        {
            problems.Add($"{sale.AfterSaleId}: a {sale.Type} starts in {initial}, its timeline starts in {timeline[0].Status}");
        }

        // Entries without a status change (a return shipment, the return announced) repeat the status; every change
        // must be a move of the contract.
        for (var i = 1; i < timeline.Count; i++)
        {
            var from = Enum.Parse<AfterSaleStatus>(timeline[i - 1].Status);
            var to = Enum.Parse<AfterSaleStatus>(timeline[i].Status);
            if (from != to && !moves.Contains((from, to)))
            {
                problems.Add($"{sale.AfterSaleId} ({sale.Type}): illegal move {from} → {to} in its timeline ({string.Join(" → ", timeline.Select(t => $"{t.Status} by {t.Actor}"))})");
            }
        }

        if (timeline[^1].Status != sale.Status.ToString())
        {
            problems.Add($"{sale.AfterSaleId}: status {sale.Status}, but the timeline ends in {timeline[^1].Status}");
        }
    }

    // ---------------------------------------------------------------- output and helpers

    private void PrintSummary(TimeSpan storm, TimeSpan settle, string settled)
    {
        var byCode = _counts.GroupBy(c => c.Key[(c.Key.LastIndexOf(' ') + 1)..]).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Sum(c => c.Value)}");
        log.WriteLine($"Storm: {_sent} requests ({_idempotentPairs} idempotent pairs) by {Concurrency} workers over 2 hosts in {storm.TotalSeconds:0.0} s = {_sent / storm.TotalSeconds:0} req/s.");
        log.WriteLine($"Per status: {string.Join(", ", byCode)}.");
        log.WriteLine("Per action:");
        foreach (var action in _counts.GroupBy(c => c.Key[..c.Key.LastIndexOf(' ')]).OrderBy(g => g.Key))
        {
            log.WriteLine($"  {action.Key,-24} {string.Join(", ", action.OrderBy(c => c.Key).Select(c => $"{c.Key[(c.Key.LastIndexOf(' ') + 1)..]}×{c.Value}"))}");
        }

        log.WriteLine($"409 reasons: {string.Join(", ", _conflictReasons.OrderByDescending(r => r.Value).Select(r => $"{r.Key}×{r.Value}"))}.");
        log.WriteLine($"503 causes: {string.Join(", ", _unavailableCauses.OrderByDescending(r => r.Value).Select(r => $"{r.Key}×{r.Value}"))}.");
        log.WriteLine(settled.Length == 0 ? $"Background work settled {settle.TotalSeconds:0.0} s after the storm." : $"Not settled after {settle.TotalSeconds:0.0} s: {settled}");
    }

    private static string Describe(IEnumerable<AfterSale> sales)
        => string.Join("; ", sales.Select(s => $"{s.AfterSaleId} {s.Type} {s.Status} [{string.Join(" ", s.Lines.Select(l => $"#{l.LineNo}×{l.Quantity}={l.RefundAmount:0.00}"))}{(s.FreightRefund > 0 ? $" freight {s.FreightRefund:0.00}" : "")}] = {s.RefundAmount:0.00}"));

    private static async Task<(HttpStatusCode Code, JsonNode? Body, string Text)> SendRawAsync(HostProcess host, HttpMethod method, string path, string key, JsonNode? body, string? idempotencyKey)
    {
        using var request = RunningHost.Request(method, path, key);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, Parse(text), text);
    }

    private static async Task<JsonNode> GetJsonAsync(HostProcess host, string path, string key)
    {
        var (code, body, text) = await SendRawAsync(host, HttpMethod.Get, path, key, null, null);
        code.Should().Be(HttpStatusCode.OK, text);
        return body!;
    }

    private static JsonNode? Parse(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            // Not JSON (e.g. a bare 500 page): the status code and the text are reported instead.
            return null;
        }
    }

    private static string KeyName(string key) => key switch
    {
        RunningHost.UserKey => "User",
        RunningHost.MerchantKey => "Merchant",
        RunningHost.CustomerServiceKey => "CustomerService",
        RunningHost.OpsKey => "Ops",
        RunningHost.SystemKey => "System",
        _ => key,
    };

    private static ReverseDbContext Open(string database)
    {
        var options = new DbContextOptionsBuilder<ReverseDbContext>();
        options.UseReverseDatabase(database);
        return new ReverseDbContext(options.Options);
    }

    private static string RedisServer => Environment.GetEnvironmentVariable("REVERSEPAAS_TEST_REDIS") is { Length: > 0 } server
        ? server
        : throw new InvalidOperationException("REVERSEPAAS_TEST_REDIS is not set: run the suite with ./eng/test.sh, which starts redis-server.");

    private sealed record LineSpec(int LineNo, string Sku, int Quantity, decimal UnitPrice, string PromotionType);

    private sealed record OrderSpec(string OrderId, bool IsPop, string Status, IReadOnlyList<LineSpec> Lines, bool DuplicateSku);

    private sealed record KnownSale(string Id, OrderSpec Order, AfterSaleType Type, string ApplicantKey, IReadOnlyList<(int LineNo, int Quantity)> Lines);
}
