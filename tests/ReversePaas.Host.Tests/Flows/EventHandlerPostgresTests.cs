using Xunit.Abstractions;

namespace ReversePaas.Host.Tests.Flows;

public sealed class EventHandlerPostgresTests(ITestOutputHelper log) : EventHandlerTests(log)
{
    protected override Task<string> NewDatabaseAsync() => Support.MigratedPostgres.NewAsync();
}
