namespace ReversePaas.Host.Tests.Platform;

/// <summary>The outbox retention sweep on SQLite.</summary>
public sealed class OutboxRetentionSqliteTests : OutboxRetentionTests
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestDatabases.NewSqlite());
}
