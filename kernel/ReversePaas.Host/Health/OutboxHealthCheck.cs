using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReversePaas.Persistence;
using ReversePaas.Persistence.Outbox;

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
        var db = scope.ServiceProvider.GetRequiredService<ReverseDbContext>();
        try
        {
            var pending = db.OutboxMessages.Where(m => m.DispatchedAt == null);
            var count = await pending.CountAsync(cancellationToken);
            var failing = await pending.CountAsync(m => m.Attempts > 0, cancellationToken);
            // Three reads, not one snapshot: the dispatchers deliver meanwhile, so what was counted may be gone by now.
            var oldest = count == 0 ? null : await pending.OrderBy(m => m.Id).Select(m => (DateTimeOffset?)m.CreatedAt).FirstOrDefaultAsync(cancellationToken);
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
