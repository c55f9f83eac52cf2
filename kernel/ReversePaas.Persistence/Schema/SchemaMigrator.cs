using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ReversePaas.Persistence.Schema;

/// <summary>
/// Creates and upgrades the schema at start-up from versioned SQL scripts embedded in this assembly
/// (<c>Schema/Scripts/NNNN_name.{sqlite|postgresql}.sql</c>), recording each applied version in
/// <c>schema_versions</c>. Each script runs in its own transaction; on PostgreSQL an advisory lock makes
/// concurrent hosts apply it once (an advisory lock on PostgreSQL, SQLite's write lock). How to add a script: docs/persistence.md.
/// </summary>
public static partial class SchemaMigrator
{
    // Any constant works; all hosts must use the same one.
    private const long PostgresMigrationLockKey = 0x52505f534348454d; // "RP_SCHEM"

    /// <summary>Every script for <paramref name="engine"/>, in version order.</summary>
    public static IReadOnlyList<SchemaScript> Scripts(DatabaseEngine engine)
    {
        var suffix = engine == DatabaseEngine.Sqlite ? ".sqlite.sql" : ".postgresql.sql";
        var assembly = typeof(SchemaMigrator).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.EndsWith(suffix, StringComparison.Ordinal))
            .Select(n => (Name: n, Match: ScriptName().Match(n)))
            .Where(n => n.Match.Success)
            .Select(n => new SchemaScript(int.Parse(n.Match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture), n.Match.Groups["name"].Value, Read(assembly, n.Name)))
            .OrderBy(s => s.Version)];
    }

    /// <summary>Applies every script not yet applied. Returns the versions applied now.</summary>
    public static Task<IReadOnlyList<int>> MigrateAsync(ReverseDbContext db, ILogger logger, CancellationToken cancellationToken = default)
        => MigrateAsync(db, logger, null, cancellationToken);

    /// <summary>
    /// Applies every script not yet applied, then runs <paramref name="thenUnderLock"/> still under the migration lock:
    /// the place for a library that creates its own schema in the same database (Hangfire), so hosts starting together
    /// create it once.
    /// </summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(ReverseDbContext db, ILogger logger, Action? thenUnderLock, CancellationToken cancellationToken = default)
    {
        var engine = db.Database.IsNpgsql() ? DatabaseEngine.PostgreSql : DatabaseEngine.Sqlite;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (engine == DatabaseEngine.PostgreSql)
            {
                // Held for the whole run on this connection: even creating schema_versions races between hosts.
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({PostgresMigrationLockKey})", cancellationToken);
            }

            var applied = await ApplyAsync(db, engine, Scripts(engine), logger, cancellationToken);
            thenUnderLock?.Invoke();
            return applied;
        }
        finally
        {
            if (engine == DatabaseEngine.PostgreSql)
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({PostgresMigrationLockKey})", CancellationToken.None);
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<IReadOnlyList<int>> ApplyAsync(ReverseDbContext db, DatabaseEngine engine, IReadOnlyList<SchemaScript> scripts, ILogger logger, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlRawAsync(
            "CREATE TABLE IF NOT EXISTS schema_versions (version INTEGER PRIMARY KEY, name VARCHAR(200) NOT NULL, applied_at VARCHAR(40) NOT NULL)",
            cancellationToken);
        var applied = new List<int>();
        foreach (var script in scripts)
        {
            // SQLite: BeginTransaction is IMMEDIATE, so the version check below already holds the write lock.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

            var done = await db.Database.SqlQueryRaw<int>("SELECT version AS \"Value\" FROM schema_versions WHERE version = {0}", script.Version)
                .ToListAsync(cancellationToken);
            if (done.Count > 0)
            {
                continue;
            }

            logger.LogInformation("Applying schema version {Version} ({Name}) on {Engine}", script.Version, script.Name, engine);
            await db.Database.ExecuteSqlRawAsync(script.Sql, cancellationToken);
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO schema_versions (version, name, applied_at) VALUES ({0}, {1}, {2})",
                [script.Version, script.Name, DateTimeOffset.UtcNow.ToString("O")],
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            applied.Add(script.Version);
        }

        return applied;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        // EF's raw SQL treats braces as format placeholders: scripts must not contain any.
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\.(?<version>\d{4})_(?<name>[A-Za-z0-9_]+)\.(sqlite|postgresql)\.sql$")]
    private static partial Regex ScriptName();
}
