using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ReversePaas.Persistence.Schema;

namespace ReversePaas.Host.Tests.Support;

/// <summary>
/// Fresh PostgreSQL databases that already hold the schema: copies of one template this test process migrated once.
/// A host migrates its database at start; on a new database that is 23 scripts, about a second of CPU between the
/// server and the host, and the suite makes some 180 of them on a 2-core runner. A copy takes about 0.2 s. The host's
/// migrator then finds every script applied. Tests of migration itself use <see cref="TestDatabases.NewPostgresAsync"/>.
/// </summary>
public static class MigratedPostgres
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _template;

    public static async Task<string> NewAsync()
    {
        var template = await TemplateAsync();
        // One copy at a time: PostgreSQL refuses to copy a template while another copy of it is being made (55006).
        await Gate.WaitAsync();
        try
        {
            return await TestDatabases.NewPostgresAsync(template);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<string> TemplateAsync()
    {
        if (_template is { } made)
        {
            return made;
        }

        await Gate.WaitAsync();
        try
        {
            if (_template is null)
            {
                var connectionString = await TestDatabases.NewPostgresAsync();
                await using (var db = ReverseDbContexts.Open(connectionString))
                {
                    await SchemaMigrator.MigrateAsync(db, NullLogger.Instance);
                }

                // A template must have no sessions while it is copied: close the pooled ones the migration left open,
                // refuse new ones (autovacuum included), and end any still there.
                var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
                NpgsqlConnection.ClearAllPools();
                await using (var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable(TestDatabases.PostgresVariable)))
                {
                    await connection.OpenAsync();
                    await using var close = new NpgsqlCommand(
                        $"ALTER DATABASE {name} WITH ALLOW_CONNECTIONS false; SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()",
                        connection);
                    await close.ExecuteNonQueryAsync();
                }

                _template = name;
            }

            return _template;
        }
        finally
        {
            Gate.Release();
        }
    }
}
