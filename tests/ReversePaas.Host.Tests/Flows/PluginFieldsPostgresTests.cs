namespace ReversePaas.Host.Tests.Flows;

public sealed class PluginFieldsPostgresTests : PluginFieldsTests
{
    protected override Task<string> NewDatabaseAsync() => Support.MigratedPostgres.NewAsync();
}
