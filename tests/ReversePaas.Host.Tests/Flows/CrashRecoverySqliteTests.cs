namespace ReversePaas.Host.Tests.Flows;

/// <summary>Crash recovery on SQLite.</summary>
public sealed class CrashRecoverySqliteTests : CrashRecoveryTests
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestDatabases.NewSqlite());
}
