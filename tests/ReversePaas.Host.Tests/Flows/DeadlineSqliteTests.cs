namespace ReversePaas.Host.Tests.Flows;

/// <summary>Deadlines on SQLite.</summary>
public sealed class DeadlineSqliteTests : DeadlineTests
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestDatabases.NewSqlite());
}
