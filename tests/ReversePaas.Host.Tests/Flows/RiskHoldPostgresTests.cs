namespace ReversePaas.Host.Tests.Flows;

/// <summary>Risk holds on PostgreSQL.</summary>
public sealed class RiskHoldPostgresTests : RiskHoldTests
{
    protected override Task<string> NewDatabaseAsync() => Support.MigratedPostgres.NewAsync();
}
