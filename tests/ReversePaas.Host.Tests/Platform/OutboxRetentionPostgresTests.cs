namespace ReversePaas.Host.Tests.Platform;

/// <summary>The outbox retention sweep on PostgreSQL.</summary>
public sealed class OutboxRetentionPostgresTests : OutboxRetentionTests
{
    protected override Task<string> NewDatabaseAsync() => Support.MigratedPostgres.NewAsync();
}
