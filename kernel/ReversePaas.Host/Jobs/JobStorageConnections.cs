using Npgsql;

namespace ReversePaas.Host.Jobs;

/// <summary>
/// Closes the idle connections of Hangfire's PostgreSQL pool (registered on PostgreSQL only) when the host stops. Npgsql would keep them for minutes;
/// a process that starts and stops hosts (tests, drills) would otherwise run the server out of connection slots.
/// </summary>
internal sealed class JobStorageConnections(string connectionString) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        using var connection = new NpgsqlConnection(connectionString);
        NpgsqlConnection.ClearPool(connection);

        return Task.CompletedTask;
    }
}
