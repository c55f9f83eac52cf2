namespace ReversePaas.Host.Tests.Telemetry;

/// <summary>The catalog usage on PostgreSQL (a fresh database per test).</summary>
public sealed class CatalogUsagePostgresTests : CatalogUsageTests
{
    protected override Task<string> NewDatabaseAsync() => Support.MigratedPostgres.NewAsync();
}
