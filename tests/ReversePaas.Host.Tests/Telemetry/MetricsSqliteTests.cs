namespace ReversePaas.Host.Tests.Telemetry;

/// <summary>The metrics on SQLite (a fresh file per host).</summary>
public sealed class MetricsSqliteTests : MetricsTests
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestDatabases.NewSqlite());
}
