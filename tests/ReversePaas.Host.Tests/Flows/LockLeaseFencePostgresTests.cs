namespace ReversePaas.Host.Tests.Flows;

/// <summary>The version fence behind a lapsed lock lease, on PostgreSQL.</summary>
public sealed class LockLeaseFencePostgresTests : LockLeaseFenceTests
{
    protected override Task<string> NewDatabaseAsync() => Support.MigratedPostgres.NewAsync();
}
