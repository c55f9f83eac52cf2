using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Sdk;


namespace ReversePaas.Host.Tests.Drills;

/// <summary>
/// The storm's request mix: applications by users, merchants and customer service (some sent twice with one
/// Idempotency-Key, one to each host), reviews, withdrawals, warehouse receipts, return shipments, cancellations,
/// reads and unknown ids, aimed mostly at the newest after-sales so that requests race on the same one.
/// </summary>
internal sealed class RaceStorm(StormTally tally)
{
    private readonly ConcurrentDictionary<string, byte> _createdIds = new();
    private readonly List<KnownAfterSale> _sales = [];

    /// <summary>Every after-sale id some request was answered 201 with.</summary>
    public IReadOnlySet<string> CreatedIds => _createdIds.Keys.ToHashSet();

    /// <summary>
    /// Runs <paramref name="requestCount"/> turns on <paramref name="concurrency"/> workers, alternating the hosts (an
    /// idempotent pair is one turn of two requests, so at least that many requests go out); each worker's choices
    /// follow from <paramref name="seed"/>.
    /// </summary>
    public async Task RunAsync(IReadOnlyList<RaceOrder> orders, HostProcess[] hosts, int requestCount, int concurrency, int seed)
    {
        var tickets = 0;
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var random = new Random(unchecked((seed * 397) ^ w));
            int ticket;
            while ((ticket = Interlocked.Increment(ref tickets)) <= requestCount)
            {
                await OneAsync(random, orders, hosts[ticket % 2], hosts[(ticket + 1) % 2]);
            }
        })).ToArray();
        await Task.WhenAll(workers);
    }

    private async Task OneAsync(Random random, IReadOnlyList<RaceOrder> orders, HostProcess host, HostProcess other)
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
                await tally.SendAsync("withdraw", host, HttpMethod.Post, $"/api/v1/after-sales/{sale!.Id}/withdraw", sale.ApplicantKey, null);
                break;
            case < 84:
                await ReceiveAsync(random, sale!, host);
                break;
            case < 88:
                await tally.SendAsync("return-shipment", host, HttpMethod.Post, $"/api/v1/after-sales/{sale!.Id}/return-shipment", RunningHost.UserKey,
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
                await tally.SendAsync("unknown", host, HttpMethod.Post, $"/api/v1/after-sales/AS-0000-{Guid.NewGuid():N}/review", RunningHost.CustomerServiceKey,
                    new JsonObject { ["decision"] = "Approve" });
                break;
        }
    }

    private async Task ApplyAsync(Random random, RaceOrder order, HostProcess host, HostProcess other)
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

        var answer = await tally.SendAsync($"apply-{applicant}", host, HttpMethod.Post, "/api/v1/after-sales", key, body);
        Remember(answer, order, key);
    }

    private async Task IdempotentPairAsync(RaceOrder order, string key, string applicant, JsonObject body, HostProcess host, HostProcess other)
    {
        tally.CountIdempotentPair();
        var idempotencyKey = $"race-{Guid.NewGuid():N}";
        var answers = await Task.WhenAll(
            tally.SendAsync($"apply-{applicant}-idem", host, HttpMethod.Post, "/api/v1/after-sales", key, body, idempotencyKey),
            tally.SendAsync($"apply-{applicant}-idem", other, HttpMethod.Post, "/api/v1/after-sales", key, body, idempotencyKey));
        var ids = answers.Where(a => a.Code == HttpStatusCode.Created).Select(a => a.Body!.As<AfterSaleResponse>().AfterSaleId).Distinct().ToList();
        if (ids.Count > 1)
        {
            tally.AddUnexpected($"Idempotency-Key {idempotencyKey} sent twice with the same body created two after-sales: {string.Join(", ", ids)}");
        }

        foreach (var answer in answers)
        {
            Remember(answer, order, key);
        }
    }

    private async Task ReviewAsync(Random random, KnownAfterSale sale, HostProcess host)
    {
        // Only reviewers the after-sale may have: the merchant for what retail.pop routes to it (its reviews and the
        // cancellations it confirms), customer service and ops for anything. A merchant elsewhere would be 403.
        var roll = random.Next(10);
        var (key, who) = sale.Order.IsPop && roll < 6
            ? (RunningHost.MerchantKey, "merchant")
            : roll < 9 ? (RunningHost.CustomerServiceKey, "cs") : (RunningHost.OpsKey, "ops");
        var approve = random.Next(100) < 65;
        await tally.SendAsync($"review-{who}", host, HttpMethod.Post, $"/api/v1/after-sales/{sale.Id}/review", key,
            new JsonObject { ["decision"] = approve ? "Approve" : "Reject", ["comment"] = approve ? "ok" : "no" });
    }

    private async Task ReceiveAsync(Random random, KnownAfterSale sale, HostProcess host)
    {
        // The warehouse receipt moves an approved return on to its refund; one in ten counts wrong (receipt-mismatch).
        var lines = new JsonArray();
        foreach (var (lineNo, quantity) in sale.Lines)
        {
            lines.Add(new JsonObject { ["lineNo"] = lineNo, ["quantity"] = random.Next(10) == 0 ? quantity + 1 : quantity });
        }

        await tally.SendAsync("warehouse-receipt", host, HttpMethod.Post, $"/api/v1/after-sales/{sale.Id}/warehouse-receipt", RunningHost.SystemKey,
            new JsonObject { ["lines"] = lines });
    }

    private async Task CancelAsync(Random random, IReadOnlyList<RaceOrder> orders, HostProcess host)
    {
        // Mostly the orders that can still be cancelled; the others answer 409 not-eligible.
        var pending = orders.Where(o => o.Status == "PendingShipment").ToList();
        var order = random.Next(10) < 8 ? pending[random.Next(pending.Count)] : orders[random.Next(orders.Count)];
        var (key, who) = random.Next(2) == 0 ? (RunningHost.UserKey, "user") : (RunningHost.CustomerServiceKey, "cs");
        var answer = await tally.SendAsync($"cancel-{who}", host, HttpMethod.Post, $"/api/v1/orders/{order.OrderId}/cancel", key, new JsonObject { ["reason"] = "race" });
        Remember(answer, order, key);
    }

    private async Task ReadAsync(Random random, KnownAfterSale sale, HostProcess host)
    {
        switch (random.Next(3))
        {
            case 0:
                await tally.SendAsync("read", host, HttpMethod.Get, $"/api/v1/after-sales/{sale.Id}", RunningHost.UserKey, null);
                break;
            case 1:
                await tally.SendAsync("read", host, HttpMethod.Get, $"/api/v1/orders/{sale.Order.OrderId}", RunningHost.CustomerServiceKey, null);
                break;
            default:
                await tally.SendAsync("read", host, HttpMethod.Get, $"/api/v1/after-sales?orderId={sale.Order.OrderId}&pageSize=50", RunningHost.MerchantKey, null);
                break;
        }
    }

    private void Remember((HttpStatusCode Code, JsonNode? Body) answer, RaceOrder order, string applicantKey)
    {
        if (answer.Code != HttpStatusCode.Created || answer.Body is null)
        {
            return;
        }

        var created = answer.Body.As<AfterSaleResponse>();
        var id = created.AfterSaleId;
        _createdIds.TryAdd(id, 0);
        var lines = created.Lines.Select(l => (l.LineNo, l.Quantity)).ToList();
        lock (_sales)
        {
            if (!_sales.Any(s => s.Id == id))
            {
                _sales.Add(new KnownAfterSale(id, order, Enum.Parse<AfterSaleType>((string)answer.Body["type"]!), applicantKey, lines));
            }
        }
    }

    /// <summary>Mostly one of the newest after-sales, so that several requests act on the same one at once.</summary>
    private KnownAfterSale? PickSale(Random random, Func<KnownAfterSale, bool> which)
    {
        List<KnownAfterSale> candidates;
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
}
