namespace ReversePaas.Host.Tests.Broker;

/// <summary>
/// The broker suites share one RabbitMQ node and its fixed queue names (API.md), so a host of one test would consume
/// the inbound events another test sends: they run one after the other, beside the rest of the suite.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrokerTestGroup
{
    public const string Name = "broker";
}
