using Xunit.Abstractions;

namespace ReversePaas.Host.Tests.Broker;

[Collection(BrokerTestGroup.Name)]
public sealed class InboundEventPostgresTests(ITestOutputHelper log) : InboundEventTests(log)
{
    protected override Task<string> NewDatabaseAsync() => Support.MigratedPostgres.NewAsync();
}
