namespace ReversePaas.Host.Tests.Flows;

/// <summary>Appeals on PostgreSQL.</summary>
public sealed class AppealPostgresTests : AppealTests
{
    protected override Task<string> NewDatabaseAsync() => Support.MigratedPostgres.NewAsync();
}
