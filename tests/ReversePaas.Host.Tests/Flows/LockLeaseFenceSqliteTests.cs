namespace ReversePaas.Host.Tests.Flows;

/// <summary>The version fence behind a lapsed lock lease, on SQLite.</summary>
public sealed class LockLeaseFenceSqliteTests : LockLeaseFenceTests
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestDatabases.NewSqlite());
}
