namespace ReversePaas.Host.Tests.Flows;

/// <summary>The reverse flows on SQLite (a fresh file per host).</summary>
public sealed class ReverseFlowSqliteTests : ReverseFlowTests
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestDatabases.NewSqlite());
}
