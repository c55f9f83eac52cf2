namespace ReversePaas.Host.Tests.Telemetry;

/// <summary>The catalog usage on SQLite (a fresh file per host).</summary>
public sealed class CatalogUsageSqliteTests : CatalogUsageTests
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestDatabases.NewSqlite());
}
