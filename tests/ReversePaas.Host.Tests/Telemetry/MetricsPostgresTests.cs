namespace ReversePaas.Host.Tests.Telemetry;

/// <summary>The metrics on PostgreSQL (a fresh database per test).</summary>
public sealed class MetricsPostgresTests : MetricsTests
{
    protected override Task<string> NewDatabaseAsync() => Support.MigratedPostgres.NewAsync();
}
