using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReversePaas.Persistence;

namespace ReversePaas.Host.Health;

/// <summary>Ready only when the database answers (SQLite file or PostgreSQL server).</summary>
[ReadinessCheck("database", 2)]
internal sealed class DatabaseHealthCheck(IServiceScopeFactory scopes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var scope = scopes.CreateScope();
        var database = scope.ServiceProvider.GetRequiredService<DatabaseProbe>();
        var engine = database.Engine;
        try
        {
            return await database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy($"{engine} answers.")
                : HealthCheckResult.Unhealthy($"{engine} does not answer.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{engine} does not answer: {ex.Message}");
        }
    }
}
