namespace ReversePaas.Host.Tests.Flows;

/// <summary>Repairs on PostgreSQL.</summary>
public sealed class RepairFlowPostgresTests : RepairFlowTests
{
    protected override Task<string> NewDatabaseAsync() => Support.MigratedPostgres.NewAsync();
}
