namespace ReversePaas.Host.Tests.Platform;

/// <summary>Deadlines on PostgreSQL (clustered job store).</summary>
public sealed class DeadlinePostgresTests : DeadlineTests
{
    protected override Task<string> NewDatabaseAsync() => Support.MigratedPostgres.NewAsync();
}
