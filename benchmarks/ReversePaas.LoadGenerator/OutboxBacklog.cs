using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ReversePaas.LoadGenerator;

/// <summary>The host's undelivered outbox messages, as its <c>/readyz</c> <c>outbox</c> check reports them.</summary>
internal static class OutboxBacklog
{
    public static async Task<(int AtStart, int Left)> WaitUntilDrainedAsync(HttpClient http, TimeSpan limit)
    {
        var started = Stopwatch.GetTimestamp();
        int? first = null;
        int? pending;
        do
        {
            (pending, var paused) = await PendingAsync(http);
            first ??= pending;
            if (paused)
            {
                // A host started with Outbox:Paused=true (to measure the requests alone) never drains: do not wait.
                break;
            }

            if (pending is not 0)
            {
                // Polling the host for a condition, bounded by the limit; seldom, because /readyz itself costs the host
                // and the database work that would be counted against the requests.
                await Task.Delay(1000);
            }
        }
        while (pending is not 0 && Stopwatch.GetElapsedTime(started) < limit);

        return (first ?? -1, pending ?? -1);
    }

    private static async Task<(int? Pending, bool Paused)> PendingAsync(HttpClient http)
    {
        // /readyz answers 503 (problem details carrying the same checks) when a check is unhealthy: read it anyway.
        // A check that could not read the outbox in time (a loaded database) reports no figure: asked again.
        using var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        var outbox = body?["checks"]?.AsArray().FirstOrDefault(c => (string?)c?["name"] == "outbox");
        return ((int?)outbox?["data"]?["pending"], (bool?)outbox?["data"]?["paused"] ?? false);
    }
}
