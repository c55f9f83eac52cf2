namespace ReversePaas.Host.Tests.Flows;

/// <summary>The reverse flows on PostgreSQL (a fresh database per test).</summary>
public sealed class ReverseFlowPostgresTests : ReverseFlowTests
{
    protected override Task<string> NewDatabaseAsync() => Support.MigratedPostgres.NewAsync();
}
