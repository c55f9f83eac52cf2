namespace ReversePaas.Host.Tests.Platform;

public sealed class PluginPackagesSqliteTests : PluginPackagesTests
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestDatabases.NewSqlite());
}
