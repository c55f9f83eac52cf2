namespace ReversePaas.Host.Tests.Flows;

/// <summary>Risk holds on SQLite.</summary>
public sealed class RiskHoldSqliteTests : RiskHoldTests
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestDatabases.NewSqlite());
}
