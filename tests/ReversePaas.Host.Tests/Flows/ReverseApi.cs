using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Simulators;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Tests.Flows;

/// <summary>The REST calls of the reverse flow, over real HTTP, as the clients of API.md make them.</summary>
public sealed class ReverseApi
{
    private readonly HttpClient _client;
    private readonly RunningHost? _host;

    public ReverseApi(RunningHost host)
        : this(host.Client)
    {
        _host = host;
    }

    /// <summary>Talks to any host, e.g. one running as a child process.</summary>
    public ReverseApi(HttpClient client)
    {
        _client = client;
    }

    public RunningHost Host => _host ?? throw new InvalidOperationException("This API talks to a host process, not an in-process host.");

    /// <summary>The client it talks through (for requests that are not JSON, such as package uploads).</summary>
    public HttpClient Client => _client;

    public async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path, string? key, object? body = null, string? idempotencyKey = null)
    {
        using var request = RunningHost.Request(method, path, key);
        if (body is string raw)
        {
            request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    public async Task<JsonNode> RegisterAsync(OrderBuilder order)
    {
        var (status, body, _) = await SendAsync(HttpMethod.Post, "/api/v1/orders", RunningHost.SystemKey, order.Build());
        status.Should().Be(HttpStatusCode.Created, body?.ToJsonString());
        return body!;
    }

    public async Task<JsonNode> OkAsync(HttpMethod method, string path, string key, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var (status, json, _) = await SendAsync(method, path, key, body);
        status.Should().Be(expected, json?.ToJsonString());
        return json!;
    }

    public Task<JsonNode> ApplyAsync(string orderId, string type, object[] lines, string key = RunningHost.UserKey, string? pickupAt = null)
        => OkAsync(HttpMethod.Post, "/api/v1/after-sales", key, new { orderId, type, reason = "test", lines, evidence = Array.Empty<string>(), pickupAt }, HttpStatusCode.Created);

    public Task<JsonNode> GetAfterSaleAsync(string id, string key = RunningHost.CustomerServiceKey) => OkAsync(HttpMethod.Get, $"/api/v1/after-sales/{id}", key);

    public Task<JsonNode> GetOrderAsync(string orderId) => OkAsync(HttpMethod.Get, $"/api/v1/orders/{orderId}", RunningHost.CustomerServiceKey);

    public Task<JsonNode> ActAsync(string id, string action, string key, object? body = null) => OkAsync(HttpMethod.Post, $"/api/v1/after-sales/{id}/{action}", key, body ?? new { });

    /// <summary>Polls until the after-sale reaches one of <paramref name="statuses"/> (background execution), failing after 15 s.</summary>
    public async Task<JsonNode> WaitForStatusAsync(string id, params string[] statuses)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        JsonNode sale;
        do
        {
            sale = await GetAfterSaleAsync(id);
            if (statuses.Contains((string)sale["status"]!))
            {
                return sale;
            }

            await Task.Delay(25); // polling a condition with a deadline, not a fixed wait
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"After-sale {id} is {sale["status"]}, never reached {string.Join("/", statuses)}: {sale.ToJsonString()}");
    }

    /// <summary>Registers the order (201) and returns it as the API's record.</summary>
    public async Task<OrderResponse> RegisterOrderAsync(OrderBuilder order) => (await RegisterAsync(order)).As<OrderResponse>();

    /// <summary>Applies (201) and returns the after-sale as the API's record.</summary>
    public async Task<AfterSaleResponse> ApplyForAsync(string orderId, string type, object[] lines, string key = RunningHost.UserKey, string? pickupAt = null)
        => (await ApplyAsync(orderId, type, lines, key, pickupAt)).As<AfterSaleResponse>();

    public async Task<AfterSaleResponse> SaleAsync(string id, string key = RunningHost.CustomerServiceKey) => (await GetAfterSaleAsync(id, key)).As<AfterSaleResponse>();

    public async Task<OrderResponse> OrderAsync(string orderId) => (await GetOrderAsync(orderId)).As<OrderResponse>();

    /// <summary>Posts an action on the after-sale (200) and returns it as the API's record.</summary>
    public async Task<AfterSaleResponse> ActOnAsync(string id, string action, string key, object? body = null)
        => (await ActAsync(id, action, key, body)).As<AfterSaleResponse>();

    /// <summary>A page of after-sales (<c>GET /api/v1/after-sales</c> with <paramref name="query"/>) as the API's record.</summary>
    public async Task<AfterSaleListResponse> ListAsync(string key, string query = "")
        => (await OkAsync(HttpMethod.Get, $"/api/v1/after-sales{query}", key)).As<AfterSaleListResponse>();

    /// <summary>Polls until the after-sale reaches one of <paramref name="statuses"/>, as <see cref="WaitForStatusAsync"/>.</summary>
    public async Task<AfterSaleResponse> AwaitStatusAsync(string id, params AfterSaleStatus[] statuses)
        => (await WaitForStatusAsync(id, [.. statuses.Select(s => s.ToString())])).As<AfterSaleResponse>();

    /// <summary>The calls a simulator answered for the order, as the API's records.</summary>
    internal async Task<SimulatedCall[]> SimulatedCallsAsync(string orderId, string system) => (await SimulatorCallsAsync(orderId, system)).As<SimulatedCall[]>();

    public async Task<JsonArray> SimulatorCallsAsync(string orderId, string system)
        => (JsonArray)(await OkAsync(HttpMethod.Get, $"/api/v1/simulators/calls?system={system}&orderId={orderId}", RunningHost.OpsKey));

    /// <summary>The deadlines the job store holds (<c>GET /api/v1/ops/jobs</c>).</summary>
    public async Task<IReadOnlyList<ScheduledDeadline>> DeadlinesAsync()
        => (await OkAsync(HttpMethod.Get, "/api/v1/ops/jobs", RunningHost.OpsKey)).As<JobsResponse>().Deadlines;

    /// <summary>
    /// The due time of the deadline <paramref name="kind"/> of <paramref name="key"/>: null when none is held,
    /// <see cref="DateTimeOffset.MinValue"/> while it is firing (the job store shows no next time then).
    /// </summary>
    public async Task<DateTimeOffset?> DeadlineAsync(string kind, string key)
        => (await DeadlinesAsync()).FirstOrDefault(d => d.Kind == kind && d.Key == key) is { } found ? found.DueAt ?? DateTimeOffset.MinValue : null;

    /// <summary>Polls until <paramref name="condition"/> holds, failing after 15 s with <paramref name="what"/>.</summary>
    public static Task WaitUntilAsync(Func<Task<bool>> condition, string what)
        => WaitUntilAsync(condition, what, TimeSpan.FromSeconds(15));

    /// <summary>Polls <paramref name="condition"/> until it holds; <paramref name="limit"/> only bounds a failing test.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {limit.TotalSeconds:0} s for: {what}");
            }

            await Task.Delay(25); // polling a condition with a deadline, not a fixed wait
        }
    }
}
