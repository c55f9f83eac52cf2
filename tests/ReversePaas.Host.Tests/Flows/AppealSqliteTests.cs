namespace ReversePaas.Host.Tests.Flows;

/// <summary>Appeals on SQLite.</summary>
public sealed class AppealSqliteTests : AppealTests
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestDatabases.NewSqlite());
}
