using System.Text.Json.Nodes;

namespace ReversePaas.Cli.Scenarios;

/// <summary>
/// Replays one scenario on a target: registers its order, sends each message in turn, then compares the expected
/// outcome with what the host shows, polling (bounded by <paramref name="timeout"/>) while background work — refunds,
/// interceptions, inbound events on a broker — catches up. The first difference is the verdict.
/// </summary>
internal sealed class ScenarioRunner(IScenarioTarget target, TimeSpan timeout)
{
    /// <summary>The actor that registers scenario orders, as the order center does.</summary>
    public const string OrderCenter = "System:order-center";

    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(50);

    public async Task<ScenarioResult> RunAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        if (target.SkipReason(scenario) is { } skip)
        {
            return new ScenarioResult(scenario.Name, ScenarioResult.Skipped, skip);
        }

        try
        {
            var tokens = new ScenarioTokens(OrderIdFor(scenario), () => target.Now);
            await RegisterOrderAsync(scenario, tokens, cancellationToken);
            foreach (var step in scenario.Steps)
            {
                await RunStepAsync(step, tokens, cancellationToken);
            }

            await target.SettleAsync(cancellationToken);
            var difference = await PollAsync(() => FirstDifferenceAsync(scenario.Expect, tokens, cancellationToken), cancellationToken);
            return difference is null
                ? new ScenarioResult(scenario.Name, ScenarioResult.Passed, null)
                : new ScenarioResult(scenario.Name, ScenarioResult.Failed, difference);
        }
        catch (ScenarioFault fault)
        {
            return new ScenarioResult(scenario.Name, ScenarioResult.Failed, fault.Message);
        }
    }

    /// <summary>The outcome as the host shows it now: the order, and per saved name the after-sale with <c>served</c>.</summary>
    public async Task<JsonNode?> AfterSaleAsync(string id, CancellationToken cancellationToken)
    {
        var reply = await target.SendAsync(ScenarioHttp.Reader, HttpMethod.Get, $"/api/v1/after-sales/{Uri.EscapeDataString(id)}", null, cancellationToken);
        if (reply.Status != 200 || reply.Body is not JsonObject sale)
        {
            throw new ScenarioFault($"GET after-sale {id} answered {reply.Status}{Detail(reply)}");
        }

        sale["served"] = Served(sale["capabilities"] as JsonArray);
        return sale;
    }

    /// <summary>
    /// The capability trail by extension point: the extension that served it (a string) or, when several did (a
    /// combined point, or the trail shows it served twice by different ones), all of them in order.
    /// </summary>
    public static JsonObject Served(JsonArray? capabilities)
    {
        var served = new JsonObject();
        foreach (var group in (capabilities ?? []).OfType<JsonObject>().GroupBy(c => (string)c["extensionPoint"]!, StringComparer.Ordinal))
        {
            var extensions = group.Select(c => (string)c["extension"]!).Distinct(StringComparer.Ordinal).ToList();
            served[group.Key] = extensions.Count == 1 ? JsonValue.Create(extensions[0]) : new JsonArray([.. extensions.Select(e => (JsonNode)JsonValue.Create(e)!)]);
        }

        return served;
    }

    private static string OrderIdFor(Scenario scenario)
    {
        // Unique per run, so the same scenario replays on a host that already holds its last run's order; ids are ≤ 64.
        var name = scenario.Name.Length > 40 ? scenario.Name[..40] : scenario.Name;
        return $"SC-{name}-{Guid.NewGuid():N}"[..Math.Min(64, 3 + name.Length + 1 + 12)];
    }

    private async Task RegisterOrderAsync(Scenario scenario, ScenarioTokens tokens, CancellationToken cancellationToken)
    {
        var order = (JsonObject)tokens.Replace(scenario.Order)!;
        order["orderId"] = tokens.OrderId;
        var reply = await target.SendAsync(OrderCenter, HttpMethod.Post, "/api/v1/orders", order, cancellationToken);
        if (reply.Status is not (200 or 201))
        {
            throw new ScenarioFault($"order registration answered {reply.Status}{Detail(reply)}");
        }
    }

    private async Task RunStepAsync(ScenarioStep step, ScenarioTokens tokens, CancellationToken cancellationToken)
    {
        var where = $"steps[{step.Index}]";
        if (step.Call is { } call)
        {
            var space = call.IndexOf(' ', StringComparison.Ordinal);
            var method = new HttpMethod(call[..space]);
            var path = tokens.Replace(call[(space + 1)..]);
            var reply = await target.SendAsync(step.As!, method, path, tokens.Replace(step.Body), cancellationToken);
            var expected = step.Response?.Status;
            if (expected is null ? reply.Status is < 200 or > 299 : reply.Status != expected)
            {
                throw new ScenarioFault($"{where} {method} {path} answered {reply.Status}, expected {expected?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "2xx"}{Detail(reply)}");
            }

            if (step.Response?.Body is { } body && JsonSubset.FirstDifference($"{where}.response", tokens.Replace(body), reply.Body) is { } difference)
            {
                throw new ScenarioFault(difference);
            }

            if (step.Save is { } save)
            {
                tokens.Save(save, (string?)reply.Body?["afterSaleId"]
                    ?? throw new ScenarioFault($"{where} saves '{save}', but the answer has no afterSaleId"));
            }
        }
        else if (step.Event is { } type)
        {
            await target.PublishAsync(type, tokens.Replace(step.Subject!), (JsonObject)tokens.Replace(step.Data)!, cancellationToken);
        }
        else if (step.Advance is { } by)
        {
            await target.AdvanceAsync(by, cancellationToken);
        }
        else if (step.Await is { } name)
        {
            var id = tokens.Saved(name)!;
            string? status = null;
            var reached = await PollAsync(async () =>
            {
                status = (string?)(await AfterSaleAsync(id, cancellationToken))?["status"];
                return step.Status.Contains(status ?? "", StringComparer.Ordinal) ? null : "not yet";
            }, cancellationToken);
            if (reached is not null)
            {
                throw new ScenarioFault($"{where} await {name}: status expected {string.Join(" or ", step.Status)}, got {status} after {timeout.TotalSeconds:0.#} s");
            }
        }
    }

    private async Task<string?> FirstDifferenceAsync(ScenarioOutcome expect, ScenarioTokens tokens, CancellationToken cancellationToken)
    {
        if (expect.Order is { } order)
        {
            var reply = await target.SendAsync(ScenarioHttp.Reader, HttpMethod.Get, $"/api/v1/orders/{Uri.EscapeDataString(tokens.OrderId)}", null, cancellationToken);
            if (JsonSubset.FirstDifference("order", tokens.Replace(order), reply.Body) is { } difference)
            {
                return difference;
            }
        }

        foreach (var (name, expected) in expect.AfterSales)
        {
            var actual = await AfterSaleAsync(tokens.Saved(name)!, cancellationToken);
            if (JsonSubset.FirstDifference($"afterSales.{name}", tokens.Replace(expected), actual) is { } difference)
            {
                return difference;
            }
        }

        return null;
    }

    // Runs check until it finds no difference or the time is up; the last difference is the answer.
    private async Task<string?> PollAsync(Func<Task<string?>> check, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var difference = await check();
            if (difference is null || DateTime.UtcNow >= until)
            {
                return difference;
            }

            await Task.Delay(PollEvery, cancellationToken);
        }
    }

    // A problem's reason code and detail, so a refusal reads as the host put it.
    private static string Detail(ScenarioReply reply)
    {
        if (reply.Body is not JsonObject problem)
        {
            return "";
        }

        var reason = problem["reason"] is JsonValue r && r.TryGetValue<string>(out var code) ? code + ": " : "";
        var detail = problem["detail"] is JsonValue d && d.TryGetValue<string>(out var text) ? text : "";
        return reason.Length + detail.Length == 0 ? "" : $" ({reason}{detail})";
    }
}
