using System.Globalization;
using System.Text.Json.Nodes;

namespace ReversePaas.Cli.Scenarios;

/// <summary>
/// Writes a scenario from an after-sale's real timeline (GET the after-sale, its order and the order's after-sales), so a
/// production case becomes a regression test. Each timeline entry of a person or another system becomes the message
/// that made it (application, review, return shipment, receipt, appeal, hold…); the kernel's own entries are left to
/// the kernel, except that a gap of more than a minute before one (a deadline firing, a retry much later) becomes a
/// clock move of that length. The outcome expected is the one the host shows now.
/// </summary>
internal sealed class ScenarioRecorder(ScenarioHttp http, Action<string> warn)
{
    private static readonly TimeSpan NotableGap = TimeSpan.FromMinutes(1);

    public async Task<JsonObject> RecordAsync(string afterSaleId, CancellationToken cancellationToken)
    {
        var sale = await GetAsync($"/api/v1/after-sales/{Uri.EscapeDataString(afterSaleId)}", cancellationToken);
        var orderId = (string)sale["orderId"]!;
        var order = await GetAsync($"/api/v1/orders/{Uri.EscapeDataString(orderId)}", cancellationToken);
        var siblings = await GetAsync($"/api/v1/after-sales?orderId={Uri.EscapeDataString(orderId)}&pageSize=2", cancellationToken);
        var timeline = sale["timeline"]!.AsArray().OfType<JsonObject>().ToList();
        var applied = At(timeline[0]);

        var steps = new JsonArray();
        var previous = applied;
        var previousStatus = "";
        foreach (var entry in timeline)
        {
            var at = At(entry);
            var actor = (string)entry["actor"]!;
            var status = (string)entry["status"]!;
            var note = (string?)entry["note"] ?? "";
            if (at - previous > NotableGap)
            {
                steps.Add(new JsonObject { ["advance"] = ScenarioDuration.Format(at - previous), ["note"] = "as long as it took on the recorded host" });
            }

            if (Step(entry == timeline[0], sale, order, actor, previousStatus, status, note) is { } step)
            {
                steps.Add(step);
            }
            else if (!actor.StartsWith("System:kernel", StringComparison.Ordinal))
            {
                warn($"Timeline entry at {entry["at"]} by {actor} ({status}: {note}) has no message the recorder knows; left out.");
            }

            previous = at;
            previousStatus = status;
        }

        var expectSale = new JsonObject
        {
            ["status"] = sale["status"]?.DeepClone(),
            ["refundAmount"] = sale["refundAmount"]?.DeepClone(),
            ["freightRefund"] = sale["freightRefund"]?.DeepClone(),
            ["served"] = ScenarioRunner.Served(sale["capabilities"] as JsonArray),
        };
        var expect = new JsonObject { ["afterSales"] = new JsonObject { ["sale"] = expectSale } };
        if ((int?)siblings["total"] == 1)
        {
            // The order's money is this after-sale's alone only when it has no other: then it is part of the case.
            expect["order"] = new JsonObject { ["status"] = order["status"]?.DeepClone(), ["ledger"] = order["ledger"]?.DeepClone() };
        }
        else
        {
            warn($"Order {orderId} has other after-sales: its status and ledger are not expected (they are not this case's alone).");
        }

        return new JsonObject
        {
            ["$schema"] = "https://reversepaas.dev/schemas/scenario.json",
            ["name"] = Name(afterSaleId),
            ["description"] = $"Recorded from after-sale {afterSaleId} ({sale["businessIdentity"]}, {sale["type"]}) of order {orderId}.",
            ["order"] = OrderBody(order, sale, applied),
            ["steps"] = steps,
            ["expect"] = expect,
        };
    }

    // The message behind one timeline entry, or null when the kernel made it (or the recorder cannot tell).
    private static JsonObject? Step(bool first, JsonObject sale, JsonObject order, string actor, string before, string status, string note)
    {
        var id = "{sale}";
        if (first)
        {
            return (string?)sale["type"] == "Cancel"
                ? Call("POST /api/v1/orders/{orderId}/cancel", actor, new JsonObject { ["reason"] = sale["reason"]?.DeepClone() }, save: true)
                : Call("POST /api/v1/after-sales", actor, Application(sale, order), save: true);
        }

        if (actor == "System:broker")
        {
            return note.StartsWith("Pickup ", StringComparison.Ordinal) ? PickupEvent(sale, note)
                : status is "PendingRefund" or "Completed" && before == "PendingReturn"
                    ? new JsonObject { ["event"] = "reversepaas.warehouse.received", ["subject"] = id, ["data"] = ReceiptBody(sale) }
                    : null;
        }

        if (actor.StartsWith("System:kernel", StringComparison.Ordinal))
        {
            return null;
        }

        return note switch
        {
            _ when note.StartsWith("Return shipped with ", StringComparison.Ordinal) && sale["returnShipment"] is JsonObject shipment
                => Call($"POST /api/v1/after-sales/{id}/return-shipment", actor, shipment.DeepClone()),
            _ when note.StartsWith("Appealed: ", StringComparison.Ordinal)
                => Call($"POST /api/v1/after-sales/{id}/appeal", actor, new JsonObject { ["reason"] = note["Appealed: ".Length..] }),
            _ when note.StartsWith("Held by risk control: ", StringComparison.Ordinal)
                => Call($"POST /api/v1/after-sales/{id}/hold", actor, new JsonObject { ["reason"] = note["Held by risk control: ".Length..] }),
            "Hold released." => Call($"POST /api/v1/after-sales/{id}/release", actor, null),
            "Withdrawn by the applicant." => Call($"POST /api/v1/after-sales/{id}/withdraw", actor, null),
            "Refund retried by ops." => Call($"POST /api/v1/after-sales/{id}/retry-refund", actor, null),
            "Return logistics retried by ops." => Call($"POST /api/v1/after-sales/{id}/retry-pickup", actor, null),
            _ when actor.StartsWith("System:", StringComparison.Ordinal) && before == "PendingReturn" && status is "PendingRefund" or "Completed"
                => Call($"POST /api/v1/after-sales/{id}/warehouse-receipt", actor, ReceiptBody(sale)),
            _ when before is "PendingReview" or "Intercepting" or "Appealed" && actor.Split(':')[0] is "Merchant" or "CustomerService" or "Ops"
                => Call($"POST /api/v1/after-sales/{id}/review", actor, new JsonObject
                {
                    ["decision"] = status is "Rejected" or "InterceptionFailed" ? "Reject" : "Approve",
                    ["comment"] = Comment(note),
                }),
            _ => null,
        };
    }

    // The kernel writes an appeal's decision as "Appeal approved: <comment>"; the replayed review adds that again.
    private static string Comment(string note)
    {
        foreach (var prefix in new[] { "Appeal approved: ", "Appeal rejected, for good: " })
        {
            if (note.StartsWith(prefix, StringComparison.Ordinal))
            {
                return note[prefix.Length..];
            }
        }

        return note;
    }

    private static JsonObject Call(string call, string actor, JsonNode? body, bool save = false)
    {
        var step = new JsonObject { ["call"] = call, ["as"] = actor };
        if (body is not null)
        {
            step["body"] = body;
        }

        if (save)
        {
            step["save"] = "sale";
        }

        return step;
    }

    private static JsonObject Application(JsonObject sale, JsonObject order)
    {
        var orderLines = order["lines"]!.AsArray().OfType<JsonObject>().ToDictionary(l => (int)l["lineNo"]!);
        var lines = new JsonArray();
        foreach (var line in sale["lines"]!.AsArray().OfType<JsonObject>())
        {
            var ordered = orderLines[(int)line["lineNo"]!];
            // sku + promotion type + price pick the one line the claim was matched to (the split-data match).
            lines.Add(new JsonObject
            {
                ["skuId"] = line["skuId"]?.DeepClone(),
                ["promotionType"] = ordered["promotionType"]?.DeepClone(),
                ["unitPrice"] = ordered["unitPrice"]?.DeepClone(),
                ["quantity"] = line["quantity"]?.DeepClone(),
            });
        }

        var body = new JsonObject
        {
            ["orderId"] = "{orderId}",
            ["type"] = sale["type"]?.DeepClone(),
            ["reason"] = sale["reason"]?.DeepClone(),
            ["lines"] = lines,
            ["evidence"] = sale["evidence"]?.DeepClone(),
        };
        if (sale["pickupAt"] is JsonValue pickupAt && pickupAt.TryGetValue<string>(out var at))
        {
            body["pickupAt"] = Relative(DateTimeOffset.Parse(at, CultureInfo.InvariantCulture) - At((JsonObject)sale["timeline"]![0]!));
        }

        return body;
    }

    private static JsonObject ReceiptBody(JsonObject sale) => new()
    {
        ["lines"] = new JsonArray([.. sale["lines"]!.AsArray().OfType<JsonObject>()
            .Select(l => (JsonNode)new JsonObject { ["lineNo"] = l["lineNo"]?.DeepClone(), ["quantity"] = l["quantity"]?.DeepClone() })]),
    };

    private static JsonObject? PickupEvent(JsonObject sale, string note)
    {
        // "Pickup PickedUp: courier Li, tracking T1." — the phone is never on the timeline; the latest update shows it.
        var parts = note["Pickup ".Length..].Split([": courier ", ", tracking "], StringSplitOptions.None);
        if (parts.Length != 3)
        {
            return null;
        }

        var phone = sale["pickup"] is JsonObject shown && (string?)shown["courierName"] == parts[1] ? (string?)shown["courierPhone"] : null;
        return new JsonObject
        {
            ["event"] = "reversepaas.logistics.pickup-updated",
            ["subject"] = "{sale}",
            ["data"] = new JsonObject
            {
                ["trackingNo"] = parts[2].TrimEnd('.'),
                ["courierName"] = parts[1],
                ["courierPhone"] = phone ?? "not recorded",
                ["status"] = parts[0],
            },
        };
    }

    private static JsonObject OrderBody(JsonObject order, JsonObject sale, DateTimeOffset applied)
    {
        var body = new JsonObject();
        foreach (var field in new[] { "userId", "venderId", "venderType", "orderType", "channel", "status", "warehouseStage", "freight", "currency", "attributes" })
        {
            body[field] = order[field]?.DeepClone();
        }

        // Registered as it stood when the after-sale was made: a cancelled order was still awaiting shipment then.
        if ((string?)sale["type"] == "Cancel" && (string?)order["status"] == "Cancelled")
        {
            body["status"] = "PendingShipment";
        }

        if (order["completedAt"] is JsonValue completed && completed.TryGetValue<string>(out var at))
        {
            // Relative to the application, so windows (7-day returns, 24 h perishables) mean the same on replay.
            body["completedAt"] = Relative(DateTimeOffset.Parse(at, CultureInfo.InvariantCulture) - applied);
        }

        body["lines"] = new JsonArray([.. order["lines"]!.AsArray().OfType<JsonObject>().Select(l => (JsonNode)new JsonObject
        {
            ["lineNo"] = l["lineNo"]?.DeepClone(),
            ["skuId"] = l["skuId"]?.DeepClone(),
            ["skuName"] = l["skuName"]?.DeepClone(),
            ["quantity"] = l["quantity"]?.DeepClone(),
            ["unitPrice"] = l["unitPrice"]?.DeepClone(),
            ["promotionType"] = l["promotionType"]?.DeepClone(),
            ["weightGrams"] = l["weightGrams"]?.DeepClone(),
        })]);
        body["discounts"] = order["discounts"]?.DeepClone();
        return body;
    }

    // {now-26h}: whole minutes are exact enough for windows counted in hours and days.
    private static string Relative(TimeSpan offset)
    {
        var minutes = TimeSpan.FromMinutes(Math.Round(offset.TotalMinutes));
        return minutes == TimeSpan.Zero ? "{now}"
            : minutes < TimeSpan.Zero ? $"{{now-{ScenarioDuration.Format(-minutes)}}}" : $"{{now+{ScenarioDuration.Format(minutes)}}}";
    }

    private static string Name(string afterSaleId)
    {
        var safe = new string([.. afterSaleId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-')]);
        return ("recorded-" + safe)[..Math.Min(100, "recorded-".Length + safe.Length)];
    }

    private static DateTimeOffset At(JsonObject entry) => DateTimeOffset.Parse((string)entry["at"]!, CultureInfo.InvariantCulture);

    private async Task<JsonObject> GetAsync(string path, CancellationToken cancellationToken)
    {
        var reply = await http.SendAsync(ScenarioHttp.Reader, HttpMethod.Get, path, null, cancellationToken);
        return reply.Status == 200 && reply.Body is JsonObject body ? body
            : throw new CliException(reply.Status == 404 ? $"The host has no {path.Split('/')[3].TrimEnd('s')} at {path}." : $"GET {path} answered {reply.Status}.");
    }
}
