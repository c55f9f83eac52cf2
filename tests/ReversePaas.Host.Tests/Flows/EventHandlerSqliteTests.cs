using Xunit.Abstractions;

namespace ReversePaas.Host.Tests.Flows;

public sealed class EventHandlerSqliteTests(ITestOutputHelper log) : EventHandlerTests(log)
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestDatabases.NewSqlite());
}
