namespace ReversePaas.Host.Tests.Platform;

/// <summary>The outbox on SQLite.</summary>
public sealed class OutboxSqliteTests : OutboxTests
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestDatabases.NewSqlite());
}
