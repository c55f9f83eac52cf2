namespace ReversePaas.Host.Tests.Platform;

/// <summary>Outbox claims that outlive their lease, on PostgreSQL.</summary>
public sealed class OutboxClaimPostgresTests : OutboxClaimTests
{
    protected override Task<string> NewDatabaseAsync() => Support.MigratedPostgres.NewAsync();
}
