using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReversePaas.Persistence.Deadlines;
using ReversePaas.Persistence.Sharding;

namespace ReversePaas.Host.Health;

/// <summary>
/// The deadlines for ops: how many are held, how late the most overdue one is, and how many Hangfire servers are alive
/// to run them. Degraded when a deadline is more than a minute late (runs are starved, or keep failing) or no server has
/// beaten its heart lately, or its storage cannot be read (nothing runs them, but nothing is lost); unhealthy when the
/// deadlines themselves cannot be read.
/// </summary>
[ReadinessCheck("jobs", 4)]
internal sealed class JobsHealthCheck(IServiceScopeFactory scopes, JobStorage storage, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan Behind = TimeSpan.FromMinutes(1);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        (int Count, DateTimeOffset? EarliestDue) held;
        try
        {
            // Two aggregates, not the rows: /readyz is asked every few seconds by every load balancer.
            using var scope = scopes.CreateScope();
            // On a sharded host each shard database holds its orders' deadlines.
            var summaries = scope.ServiceProvider.GetService<ShardScopes>() is { IsSharded: true } shards
                ? await shards.OnEachAsync(sp => sp.GetRequiredService<DeadlineBook>().SummaryAsync(cancellationToken))
                : [await scope.ServiceProvider.GetRequiredService<DeadlineBook>().SummaryAsync(cancellationToken)];
            held = (summaries.Sum(s => s.Count), summaries.Min(s => s.EarliestDue));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The deadlines cannot be read: {ex.Message}");
        }

        var now = time.GetUtcNow();
        var late = held.EarliestDue is { } earliest && earliest < now ? now - earliest : TimeSpan.Zero;
        var data = new Dictionary<string, object> { ["deadlines"] = held.Count, ["mostLateSeconds"] = (long)late.TotalSeconds };
        int servers;
        try
        {
            // Hangfire keeps server heartbeats on the wall clock, whatever clock the host runs on.
            servers = storage.GetMonitoringApi().Servers().Count(s => s.Heartbeat is { } beat && DateTime.UtcNow - beat < Behind);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The deadlines are safe in our table and wait for the runner; requests are served meanwhile.
            return HealthCheckResult.Degraded($"{held.Count} deadline(s) held; the job storage cannot be read: {ex.Message}", data: data);
        }

        data["servers"] = servers;
        if (servers == 0)
        {
            return HealthCheckResult.Degraded($"{held.Count} deadline(s) held; no job server has checked in within a minute (starting, or stopped).", data: data);
        }

        return late > Behind
            ? HealthCheckResult.Degraded($"{held.Count} deadline(s) held; one is {(long)late.TotalSeconds} s late.", data: data)
            : HealthCheckResult.Healthy($"{held.Count} deadline(s) held; {servers} job server(s).", data);
    }
}
