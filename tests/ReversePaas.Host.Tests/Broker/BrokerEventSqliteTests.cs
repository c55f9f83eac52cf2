using Xunit.Abstractions;

namespace ReversePaas.Host.Tests.Broker;

[Collection(BrokerTestGroup.Name)]
public sealed class BrokerEventSqliteTests(ITestOutputHelper log) : BrokerEventTests(log)
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestDatabases.NewSqlite());
}
