using Xunit.Abstractions;

namespace ReversePaas.Host.Tests.Broker;

public sealed class BrokerEventPostgresTests(ITestOutputHelper log) : BrokerEventTests(log)
{
    protected override Task<string> NewDatabaseAsync() => TestDatabases.NewPostgresAsync();
}
