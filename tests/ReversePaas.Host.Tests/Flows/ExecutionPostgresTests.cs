namespace ReversePaas.Host.Tests.Flows;

/// <summary>Execution on PostgreSQL.</summary>
public sealed class ExecutionPostgresTests : ExecutionTests
{
    protected override Task<string> NewDatabaseAsync() => Support.MigratedPostgres.NewAsync();
}
