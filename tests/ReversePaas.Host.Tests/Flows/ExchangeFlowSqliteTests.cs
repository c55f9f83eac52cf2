namespace ReversePaas.Host.Tests.Flows;

/// <summary>Exchanges on SQLite.</summary>
public sealed class ExchangeFlowSqliteTests : ExchangeFlowTests
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestDatabases.NewSqlite());
}
