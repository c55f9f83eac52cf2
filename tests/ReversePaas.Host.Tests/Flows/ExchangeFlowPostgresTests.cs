namespace ReversePaas.Host.Tests.Flows;

/// <summary>Exchanges on PostgreSQL.</summary>
public sealed class ExchangeFlowPostgresTests : ExchangeFlowTests
{
    protected override Task<string> NewDatabaseAsync() => Support.MigratedPostgres.NewAsync();
}
