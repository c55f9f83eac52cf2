namespace ReversePaas.Host.Tests.Platform;

/// <summary>The outbox on PostgreSQL.</summary>
public sealed class OutboxPostgresTests : OutboxTests
{
    protected override Task<string> NewDatabaseAsync() => Support.MigratedPostgres.NewAsync();
}
