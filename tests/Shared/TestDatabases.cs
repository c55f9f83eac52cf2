using Npgsql;

namespace ReversePaas.Tests.Databases;

/// <summary>
/// Fresh databases for tests: a SQLite file per host, or a PostgreSQL database per test class on the server
/// that eng/test.sh starts (its connection string in <c>REVERSEPAAS_TEST_POSTGRES</c>). A missing server fails
/// the test, never skips it: CI must run both engines.
/// </summary>
public static class TestDatabases
{
    public const string PostgresVariable = "REVERSEPAAS_TEST_POSTGRES";

    public static string NewSqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), "reversepaas-tests", "db");
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, $"{Guid.NewGuid():N}.db")}";
    }

    /// <summary>A new database, empty or a copy of <paramref name="template"/> (a database without sessions).</summary>
    public static async Task<string> NewPostgresAsync(string? template = null)
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{PostgresVariable} is not set: run the suite with ./eng/test.sh, which starts PostgreSQL, or set it to a server's connection string.");
        }

        var name = $"rp_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand(template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="NewPostgresAsync"/>, closing its connections (an outage drill).</summary>
    public static async Task DropPostgresAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable(PostgresVariable));
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
