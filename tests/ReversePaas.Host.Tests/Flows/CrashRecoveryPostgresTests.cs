namespace ReversePaas.Host.Tests.Flows;

/// <summary>Crash recovery on PostgreSQL.</summary>
public sealed class CrashRecoveryPostgresTests : CrashRecoveryTests
{
    protected override Task<string> NewDatabaseAsync() => Support.MigratedPostgres.NewAsync();
}
