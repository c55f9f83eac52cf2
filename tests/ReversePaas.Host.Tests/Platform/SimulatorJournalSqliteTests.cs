namespace ReversePaas.Host.Tests.Platform;

/// <summary>The simulators' journal on SQLite.</summary>
public sealed class SimulatorJournalSqliteTests : SimulatorJournalTests
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestDatabases.NewSqlite());
}
