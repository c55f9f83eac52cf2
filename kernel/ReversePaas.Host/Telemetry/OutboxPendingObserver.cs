using ReversePaas.Persistence;
using ReversePaas.Persistence.Outbox;
using ReversePaas.Persistence.Sharding;

namespace ReversePaas.Host.Telemetry;

/// <summary>
/// Gives <see cref="OutboxPendingGauge"/> this host's database while it runs. The gauge is read on each scrape, so
/// the count is taken then: one indexed count (pending messages: the dispatcher's own scan index).
/// </summary>
internal sealed class OutboxPendingObserver(ShardScopes scopes, ILogger<OutboxPendingObserver> logger) : IHostedService
{
    private IDisposable? _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = OutboxPendingGauge.Observe(Count);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _registration?.Dispose();
        return Task.CompletedTask;
    }

    private long? Count()
    {
        try
        {
            // Every shard database's outbox on a sharded host, the one database's otherwise.
            var count = 0L;
            foreach (var database in scopes.Databases)
            {
                using var scope = scopes.CreateScope(database);
                count += scope.ServiceProvider.GetRequiredService<ReverseDbContext>().OutboxMessages.LongCount(m => m.DispatchedAt == null);
            }

            return count;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A scrape must not fail because the database is down: the gauge is left out, /readyz says why.
            logger.LogWarning(ex, "The outbox backlog could not be counted for /metrics.");
            return null;
        }
    }
}
