namespace ReversePaas.Host.Tests.Platform;

/// <summary>Deadlines on SQLite.</summary>
public sealed class DeadlineSqliteTests : DeadlineTests
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestDatabases.NewSqlite());
}
