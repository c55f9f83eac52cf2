namespace ReversePaas.Host.Tests.Flows;

/// <summary>Repairs on SQLite.</summary>
public sealed class RepairFlowSqliteTests : RepairFlowTests
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestDatabases.NewSqlite());
}
