using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReversePaas.Kernel.Activities;
using ReversePaas.Kernel.Domain;
using ReversePaas.Persistence.Locks;

namespace ReversePaas.Host.Health;

/// <summary>
/// The order lock's store (Redis, or PostgreSQL advisory locks) for <c>/readyz</c>: takes and releases a lock of this
/// host's own, so it proves the store answers without contending with any order. Unhealthy when it cannot be reached:
/// every write would answer 503 until it is back.
/// </summary>
[ReadinessCheck("locks", 5)]
internal sealed class OrderLockHealthCheck(IOrderLock locks) : IHealthCheck
{
    private static readonly string ProbeKey = $"readyz:{Environment.MachineName}:{Environment.ProcessId}";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var store = locks switch
        {
            RedisOrderLock => "Redis",
            PostgresAdvisoryOrderLock => "PostgreSQL advisory locks",
            _ => "in-process (one host only)",
        };
        if (locks is InProcessOrderLock)
        {
            return HealthCheckResult.Healthy($"Order locks: {store}.");
        }

        try
        {
            await using (await locks.AcquireAsync(ProbeKey, TimeSpan.FromSeconds(2), cancellationToken))
            {
                return HealthCheckResult.Healthy($"Order locks: {store}, answering.");
            }
        }
        catch (TransientConflictException ex)
        {
            return HealthCheckResult.Unhealthy($"Order locks: {store}: {ex.Message}");
        }
    }
}
