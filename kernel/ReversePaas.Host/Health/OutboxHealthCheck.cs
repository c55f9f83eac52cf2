using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReversePaas.Persistence.Outbox;
using ReversePaas.Persistence.Sharding;

namespace ReversePaas.Host.Health;

/// <summary>
/// Outbox lag for ops: messages not yet delivered, the age of the oldest, and how many are failing. Degraded (still
/// ready) when the oldest waits more than a minute: consumers are behind or a downstream system is down.
/// </summary>
[ReadinessCheck("outbox", 3)]
internal sealed class OutboxHealthCheck(IServiceScopeFactory scopes, OutboxOptions options, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan Behind = TimeSpan.FromMinutes(1);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var scope = scopes.CreateScope();
        try
        {
            // On a sharded host every shard database has an outbox: the backlog is theirs together.
            var summaries = scope.ServiceProvider.GetService<ShardScopes>() is { IsSharded: true } shards
                ? await shards.OnEachAsync(sp => sp.GetRequiredService<OutboxBacklog>().SummaryAsync(cancellationToken))
                : [await scope.ServiceProvider.GetRequiredService<OutboxBacklog>().SummaryAsync(cancellationToken)];
            var (count, failing, oldest) = (summaries.Sum(s => s.Pending), summaries.Sum(s => s.Failing), summaries.Min(s => s.OldestWrittenAt));
            var age = oldest is { } at ? time.GetUtcNow() - at : TimeSpan.Zero;
            var data = new Dictionary<string, object>
            {
                ["pending"] = count,
                ["failing"] = failing,
                ["oldestPendingSeconds"] = (long)Math.Max(0, age.TotalSeconds),
                ["paused"] = options.Paused,
            };
            if (options.Paused)
            {
                // Still ready: the host serves requests and commits their messages; other hosts (or this one, unpaused) deliver them.
                return HealthCheckResult.Healthy($"Outbox delivery is paused on this host (Outbox:Paused); {count} message(s) pending.", data);
            }

            return age > Behind
                ? HealthCheckResult.Degraded($"{count} outbox message(s) pending, the oldest for {(long)age.TotalSeconds} s ({failing} failing).", data: data)
                : HealthCheckResult.Healthy($"{count} outbox message(s) pending.", data);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The outbox cannot be read: {ex.Message}");
        }
    }
}
