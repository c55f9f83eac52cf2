using Xunit.Abstractions;

namespace ReversePaas.Host.Tests.Drills;

public sealed class ExtensionBudgetSqliteDrill(ITestOutputHelper log) : ExtensionBudgetDrill(log)
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestDatabases.NewSqlite());
}
