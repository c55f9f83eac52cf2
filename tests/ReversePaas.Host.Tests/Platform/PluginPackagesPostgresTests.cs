namespace ReversePaas.Host.Tests.Platform;

public sealed class PluginPackagesPostgresTests : PluginPackagesTests
{
    protected override Task<string> NewDatabaseAsync() => Support.MigratedPostgres.NewAsync();
}
