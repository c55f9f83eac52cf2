using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ReversePaas.LoadGenerator;

/// <summary>
/// One simulated client: works through orders of its own (so clients never wait for each other's order locks, as
/// different customers would not), registering more when its units run out.
/// </summary>
internal sealed class LoadClient(HttpClient http, LoadOptions options, int clientNo)
{
    private const int UnitsPerOrder = 5;
    private readonly Queue<string> _orders = new();
    private string? _current;
    private int _unitsLeft;
    private int _ordersMade;

    /// <summary>Orders registered because the prepared ones ran out (inside whatever was being measured).</summary>
    public int RegisteredOnTheWay { get; private set; }

    /// <summary>Registers orders until <paramref name="orders"/> wait in the queue.</summary>
    public async Task PrepareAsync(int orders, CancellationToken cancellationToken)
    {
        while (_orders.Count < orders)
        {
            _orders.Enqueue(await RegisterAsync(cancellationToken));
        }

        RegisteredOnTheWay = 0;
    }

    /// <summary>Runs the flow until <paramref name="until"/>; records into the recorders when given.</summary>
    public async Task RunAsync(long until, LatencyRecorder? apply, LatencyRecorder? review, List<string> approved, CancellationToken cancellationToken)
    {
        while (Stopwatch.GetTimestamp() < until && !cancellationToken.IsCancellationRequested)
        {
            var orderId = await NextOrderAsync(cancellationToken);
            var started = Stopwatch.GetTimestamp();
            using var response = await SendAsync(HttpMethod.Post, "/api/v1/after-sales", options.UserKey, new
            {
                orderId,
                type = "RefundOnly",
                reason = "load test",
                lines = new[] { new { skuId = "A", quantity = 1 } },
                evidence = Array.Empty<string>(),
            }, cancellationToken);
            apply?.Record((int)response.StatusCode, Stopwatch.GetElapsedTime(started));
            if (options.Flow != "full" || !response.IsSuccessStatusCode)
            {
                continue;
            }

            var sale = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
            var id = (string)sale!["afterSaleId"]!;
            if ((string?)sale["status"] != "PendingReview")
            {
                continue;
            }

            started = Stopwatch.GetTimestamp();
            using var decided = await SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{id}/review", options.CustomerServiceKey, new { decision = "Approve", comment = "" }, cancellationToken);
            review?.Record((int)decided.StatusCode, Stopwatch.GetElapsedTime(started));
            if (decided.IsSuccessStatusCode && apply is not null)
            {
                lock (approved)
                {
                    approved.Add(id);
                }
            }
        }
    }

    private async Task<string> NextOrderAsync(CancellationToken cancellationToken)
    {
        if (_current is null || _unitsLeft == 0)
        {
            if (_orders.Count == 0)
            {
                RegisteredOnTheWay++;
            }

            _current = _orders.Count > 0 ? _orders.Dequeue() : await RegisterAsync(cancellationToken);
            _unitsLeft = UnitsPerOrder;
        }

        _unitsLeft--;
        return _current;
    }

    private async Task<string> RegisterAsync(CancellationToken cancellationToken)
    {
        // Unique across runs on one database; at most 48 characters, however long the label.
        var orderId = $"L-{options.Label}{clientNo:D3}-{++_ordersMade:D6}-{Guid.NewGuid():N}";
        orderId = orderId[..Math.Min(48, orderId.Length)];
        using var response = await SendAsync(HttpMethod.Post, "/api/v1/orders", options.SystemKey, new
        {
            orderId,
            userId = "u-1",
            venderId = "v-1",
            venderType = "Self",
            orderType = "Normal",
            channel = "App",
            status = "Completed",
            warehouseStage = "Packed",
            freight = 0.00m,
            currency = "CNY",
            completedAt = DateTimeOffset.UtcNow,
            attributes = new { source = "load" },
            lines = new[] { new { lineNo = 1, skuId = "A", skuName = "Load item", quantity = UnitsPerOrder, unitPrice = 19.99m, promotionType = "1", weightGrams = (int?)null } },
            discounts = Array.Empty<object>(),
        }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Registering {orderId} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return orderId;
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key, object body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", key);
        return http.SendAsync(request, cancellationToken);
    }
}
