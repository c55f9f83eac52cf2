namespace ReversePaas.Host.Tests.Platform;

/// <summary>The simulators' journal on PostgreSQL.</summary>
public sealed class SimulatorJournalPostgresTests : SimulatorJournalTests
{
    protected override Task<string> NewDatabaseAsync() => Support.MigratedPostgres.NewAsync();
}
