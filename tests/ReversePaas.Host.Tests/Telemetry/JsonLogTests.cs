using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.PersonalData;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Sdk.Orders;
using Xunit.Abstractions;

namespace ReversePaas.Host.Tests.Telemetry;

/// <summary>
/// JSON logs as docs/observability.md promises them: the built host run as a process with only
/// <c>Logging:Console:FormatterName=json</c>, on SQLite, through one refund flow over REST. Every line it writes is one
/// JSON object; the lines written during a request carry, in their scopes, the W3C trace id (and parent span id) the
/// request's <c>traceparent</c> header named; and no line holds an API key, configured or refused.
/// </summary>
public sealed class JsonLogTests(ITestOutputHelper log) : IAsyncLifetime
{
    private readonly HostProcessLog _started = new(log);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _started.WriteOutputs();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Every_line_is_json_request_lines_carry_the_callers_trace_id_and_no_line_holds_an_api_key()
    {
        var settings = new Dictionary<string, string>
        {
            ["Logging:Console:FormatterName"] = "json",
            // The host keeps ASP.NET Core at Warning; at Information every request writes lines of its own to check.
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
        };
        await using var host = await HostProcess.StartAsync(TestDatabases.NewSqlite(), settings);
        _started.Add(host);
        var sent = new ConcurrentQueue<SentRequest>();
        using var client = new HttpClient(new TraceparentHandler(sent)) { BaseAddress = host.Address };
        var api = new ReverseApi(client);
        var refusedKey = $"not-a-key-{Guid.NewGuid():N}";

        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 40m);
        await api.RegisterAsync(order);
        var sale = await api.ApplyForAsync(order.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1, refundAmount = 12.34m }]);
        await api.ActAsync(sale.AfterSaleId, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
        (await api.AwaitStatusAsync(sale.AfterSaleId, AfterSaleStatus.Completed, AfterSaleStatus.RefundFailed)).Status.Should().Be(AfterSaleStatus.Completed);
        var (refused, _, _) = await api.SendAsync(HttpMethod.Get, $"/api/v1/after-sales/{sale.AfterSaleId}", refusedKey);
        refused.Should().Be(HttpStatusCode.Unauthorized);
        // A graceful stop flushes the console logger and ends the output: everything the host wrote is read below.
        await host.StopAsync();
        host.ExitCode.Should().Be(0, host.Output);

        var lines = host.Output.Split('\n');
        lines.Length.Should().BeLessThan(OutputLines.DefaultCapacity, "the bounded output buffer must have kept every line to check them all");
        var entries = lines.Select(Parse).ToList();
        entries.Should().Contain(e => e.Message.StartsWith("Now listening on:", StringComparison.Ordinal), "the host's own start-up lines are JSON too");

        sent.Should().HaveCountGreaterThanOrEqualTo(5);
        foreach (var request in sent)
        {
            var starting = entries.Where(e => e.Scope("TraceId") == request.TraceId && e.Message.StartsWith("Request starting", StringComparison.Ordinal)).ToList();
            starting.Should().ContainSingle($"one 'Request starting' line carries the trace id of {request}");
            starting[0].Scope("RequestPath").Should().Be(request.Path);
            starting[0].Scope("ParentId").Should().Be(request.ParentSpanId, "the request's span is the child of the caller's");
            entries.Where(e => e.Scope("TraceId") == request.TraceId).Should().Contain(e => e.Message.StartsWith("Request finished", StringComparison.Ordinal));
        }

        var sentTo = sent.ToLookup(r => r.Path, r => r.TraceId);
        var duringApiRequests = entries.Where(e => e.Scope("RequestPath")?.StartsWith("/api/", StringComparison.Ordinal) == true).ToList();
        duringApiRequests.Should().NotBeEmpty();
        duringApiRequests.Should().AllSatisfy(e => sentTo[e.Scope("RequestPath")!].Should().Contain(e.Scope("TraceId"), $"a line written during a request carries its trace id: {e.Line}"));
        duringApiRequests.Should().Contain(e => e.Scope("RequestPath") == $"/api/v1/after-sales/{sale.AfterSaleId}" && e.Message.Contains("401", StringComparison.Ordinal), "the refused request was logged too");

        string[] secrets = [refusedKey, RunningHost.OpsKey, RunningHost.UserKey, RunningHost.MerchantKey, RunningHost.CustomerServiceKey, RunningHost.SystemKey, RunningHost.OtherUserKey, RunningHost.OtherMerchantKey];
        foreach (var secret in secrets)
        {
            lines.Should().NotContain(l => l.Contains(secret, StringComparison.Ordinal), $"no log line may hold the API key '{secret}'");
        }
    }

    [Fact]
    public async Task No_line_holds_a_pickup_address_at_debug_level_whether_the_application_is_taken_read_or_refused()
    {
        var settings = new Dictionary<string, string>
        {
            ["Logging:Console:FormatterName"] = "json",
            // Our code, ASP.NET Core (requests, routing, model binding) and Data Protection at their most talkative levels
            // short of Trace; EF Core stays at its default (Warning): at Debug it writes thousands of lines of model
            // building, and its commands never carry parameter values without sensitive-data logging, which is off.
            ["Logging:LogLevel:Default"] = "Debug",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
            ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Debug",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
            ["Logging:LogLevel:Hangfire"] = "Information",
        };
        await using var host = await HostProcess.StartAsync(TestDatabases.NewSqlite(), settings);
        _started.Add(host);
        var api = new ReverseApi(host.Client);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 40m);
        await api.RegisterAsync(order);
        var sale = (await api.OkAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, new
        {
            orderId = order.OrderId,
            type = "RefundOnly",
            lines = new[] { new { skuId = "A", quantity = 1 } },
            pickupAddress = PickupAddresses.Body(),
        }, HttpStatusCode.Created)).As<Contracts.AfterSaleResponse>();
        sale.PickupAddress.Should().Be(PickupAddresses.Plain);
        (await api.SaleAsync(sale.AfterSaleId, RunningHost.MerchantKey)).PickupAddress.Should().Be(PickupAddresses.Masked);
        var (refused, _, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, new
        {
            orderId = order.OrderId,
            type = "RefundOnly",
            lines = new[] { new { skuId = "A", quantity = 1 } },
            pickupAddress = new { name = PickupAddresses.Name, phone = PickupAddresses.Phone + "x", address = PickupAddresses.Address },
        });
        refused.Should().Be(HttpStatusCode.BadRequest);
        await host.StopAsync();
        host.ExitCode.Should().Be(0, host.Output);

        var lines = host.Output.Split('\n');
        lines.Length.Should().BeLessThan(OutputLines.DefaultCapacity, "the bounded output buffer must have kept every line to check them all");
        lines.Select(Parse).Should().Contain(e => e.Scope("RequestPath") == "/api/v1/after-sales", "the applications were logged at all");
        lines.Should().Contain(l => l.Contains("\"LogLevel\":\"Debug\"", StringComparison.Ordinal), "the host logged at Debug level");
        foreach (var needle in PickupAddresses.Needles)
        {
            lines.Should().NotContain(l => l.Contains(needle, StringComparison.Ordinal), $"no log line may hold '{needle}' of the pickup address");
        }
    }

    private static LogEntry Parse(string line)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(line);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"Not a JSON log line: {line}", e);
        }

        root.ValueKind.Should().Be(JsonValueKind.Object, line);
        root.TryGetProperty("LogLevel", out _).Should().BeTrue(line);
        root.TryGetProperty("Category", out _).Should().BeTrue(line);
        var scopes = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (root.TryGetProperty("Scopes", out var list))
        {
            foreach (var scope in list.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object))
            {
                foreach (var property in scope.EnumerateObject().Where(p => p.Name != "Message"))
                {
                    scopes[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
                }
            }
        }

        return new LogEntry(line, root.GetProperty("Message").GetString() ?? "", scopes);
    }

    private sealed record LogEntry(string Line, string Message, IReadOnlyDictionary<string, string?> Scopes)
    {
        public string? Scope(string name) => Scopes.GetValueOrDefault(name);
    }

    private sealed record SentRequest(string Method, string Path, string TraceId, string ParentSpanId)
    {
        public override string ToString() => $"{Method} {Path} (trace {TraceId})";
    }

    /// <summary>Gives every request a <c>traceparent</c> of a new trace, as a traced caller would, and records it.</summary>
    private sealed class TraceparentHandler(ConcurrentQueue<SentRequest> sent)
        : DelegatingHandler(new SocketsHttpHandler { ActivityHeadersPropagator = null }) // ours, never the test process's
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var traceId = ActivityTraceId.CreateRandom().ToHexString();
            var spanId = ActivitySpanId.CreateRandom().ToHexString();
            request.Headers.Add("traceparent", $"00-{traceId}-{spanId}-01");
            sent.Enqueue(new SentRequest(request.Method.Method, request.RequestUri!.AbsolutePath, traceId, spanId));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
