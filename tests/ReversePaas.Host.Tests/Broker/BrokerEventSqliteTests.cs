using Xunit.Abstractions;

namespace ReversePaas.Host.Tests.Broker;

public sealed class BrokerEventSqliteTests(ITestOutputHelper log) : BrokerEventTests(log)
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestDatabases.NewSqlite());
}
