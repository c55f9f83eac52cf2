namespace ReversePaas.Host.Tests.Flows;

/// <summary>Execution on SQLite.</summary>
public sealed class ExecutionSqliteTests : ExecutionTests
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestDatabases.NewSqlite());
}
