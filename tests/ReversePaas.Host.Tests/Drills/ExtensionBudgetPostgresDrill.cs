using Xunit.Abstractions;

namespace ReversePaas.Host.Tests.Drills;

public sealed class ExtensionBudgetPostgresDrill(ITestOutputHelper log) : ExtensionBudgetDrill(log)
{
    protected override Task<string> NewDatabaseAsync() => Support.MigratedPostgres.NewAsync();
}
