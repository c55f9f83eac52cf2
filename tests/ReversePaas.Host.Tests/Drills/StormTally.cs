using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReversePaas.Host.Tests.Support;
using Xunit.Abstractions;


namespace ReversePaas.Host.Tests.Drills;

/// <summary>
/// Sends the storm's requests and tallies their answers: counts per action and status, the reasons of the 409s, the
/// causes of the 503s, and every answer the race does not allow (anything but 200/201/400/404/409, or a 503 without
/// <c>Retry-After</c>).
/// </summary>
internal sealed class StormTally
{
    private static readonly HashSet<HttpStatusCode> Expected =
    [
        HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.Conflict, HttpStatusCode.ServiceUnavailable,
    ];

    private readonly ConcurrentDictionary<string, int> _counts = new();
    private readonly ConcurrentDictionary<string, int> _conflictReasons = new();
    private readonly ConcurrentDictionary<string, int> _unavailableCauses = new();
    private readonly ConcurrentQueue<string> _unexpected = new();
    private int _sent;
    private int _idempotentPairs;

    public int Sent => Volatile.Read(ref _sent);

    /// <summary>What the race does not allow, in the order it happened.</summary>
    public IReadOnlyCollection<string> Unexpected => _unexpected;

    public void AddUnexpected(string what) => _unexpected.Enqueue(what);

    public void CountIdempotentPair() => Interlocked.Increment(ref _idempotentPairs);

    public async Task<(HttpStatusCode Code, JsonNode? Body)> SendAsync(string action, HostProcess host, HttpMethod method, string path, string key, JsonNode? body, string? idempotencyKey = null)
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

    public void Print(ITestOutputHelper log, int concurrency, TimeSpan storm, TimeSpan settle, string settled)
    {
        var byCode = _counts.GroupBy(c => c.Key[(c.Key.LastIndexOf(' ') + 1)..]).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Sum(c => c.Value)}");
        log.WriteLine($"Storm: {_sent} requests ({_idempotentPairs} idempotent pairs) by {concurrency} workers over 2 hosts in {storm.TotalSeconds:0.0} s = {_sent / storm.TotalSeconds:0} req/s.");
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
}
