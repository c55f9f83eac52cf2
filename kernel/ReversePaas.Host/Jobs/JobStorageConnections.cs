using Npgsql;

namespace ReversePaas.Host.Jobs;

/// <summary>
/// Closes the idle connections of Hangfire's PostgreSQL pool when the host stops. Npgsql would keep them for minutes;
/// a process that starts and stops hosts (tests, drills) would otherwise run the server out of connection slots.
/// </summary>
internal sealed class JobStorageConnections(string connectionString) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (ReversePaas.Persistence.PersistenceServiceCollectionExtensions.EngineOf(connectionString) == ReversePaas.Persistence.Schema.DatabaseEngine.PostgreSql)
        {
            using var connection = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(connection);
        }

        return Task.CompletedTask;
    }
}
