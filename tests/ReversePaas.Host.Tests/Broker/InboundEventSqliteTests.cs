using Xunit.Abstractions;

namespace ReversePaas.Host.Tests.Broker;

[Collection(BrokerTestGroup.Name)]
public sealed class InboundEventSqliteTests(ITestOutputHelper log) : InboundEventTests(log)
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestDatabases.NewSqlite());
}
