namespace ReversePaas.Host.Tests.Platform;

/// <summary>Outbox claims that outlive their lease, on SQLite.</summary>
public sealed class OutboxClaimSqliteTests : OutboxClaimTests
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestDatabases.NewSqlite());
}
