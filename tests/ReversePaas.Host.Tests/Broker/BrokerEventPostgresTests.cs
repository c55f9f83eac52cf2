using Xunit.Abstractions;

namespace ReversePaas.Host.Tests.Broker;

[Collection(BrokerTestGroup.Name)]
public sealed class BrokerEventPostgresTests(ITestOutputHelper log) : BrokerEventTests(log)
{
    protected override Task<string> NewDatabaseAsync() => Support.MigratedPostgres.NewAsync();
}
