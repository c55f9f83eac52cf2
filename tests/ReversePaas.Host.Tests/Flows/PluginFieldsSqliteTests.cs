namespace ReversePaas.Host.Tests.Flows;

public sealed class PluginFieldsSqliteTests : PluginFieldsTests
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestDatabases.NewSqlite());
}
