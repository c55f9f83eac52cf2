namespace ReversePaas.Host.Tests.Flows;

/// <summary>Application rules on PostgreSQL.</summary>
public sealed class ApplicationRulesPostgresTests : ApplicationRulesTests
{
    protected override Task<string> NewDatabaseAsync() => Support.MigratedPostgres.NewAsync();
}
