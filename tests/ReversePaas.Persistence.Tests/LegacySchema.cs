using Microsoft.EntityFrameworkCore;
using ReversePaas.Persistence.Schema;

namespace ReversePaas.Persistence.Tests;

/// <summary>For upgrade tests: a database as an older version left it, and the tables a database has.</summary>
internal static class LegacySchema
{
    /// <summary>What SchemaMigrator does, stopping at <paramref name="version"/>.</summary>
    public static async Task ApplyScriptsUpToAsync(ReverseDbContext db, DatabaseEngine engine, int version)
    {
        await db.Database.ExecuteSqlRawAsync(
            "CREATE TABLE schema_versions (version INTEGER PRIMARY KEY, name VARCHAR(200) NOT NULL, applied_at VARCHAR(40) NOT NULL)");
        foreach (var script in SchemaMigrator.Scripts(engine).Where(s => s.Version <= version))
        {
            await db.Database.ExecuteSqlRawAsync(script.Sql);
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO schema_versions (version, name, applied_at) VALUES ({0}, {1}, {2})", [script.Version, script.Name, "test"]);
        }
    }

    /// <summary>The names of the database's tables (PostgreSQL: of schema <c>public</c>).</summary>
    public static Task<List<string>> TablesAsync(ReverseDbContext db, DatabaseEngine engine)
        => db.Database.SqlQueryRaw<string>(engine == DatabaseEngine.Sqlite
            ? "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table'"
            : "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'").ToListAsync();
}
