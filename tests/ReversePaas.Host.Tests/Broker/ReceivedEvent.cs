using System.Text.Json.Nodes;
using RabbitMQ.Client;

namespace ReversePaas.Host.Tests.Broker;

/// <summary>One message a test's queue got: its routing key, AMQP properties and the CloudEvent it carried.</summary>
public sealed record ReceivedEvent(string RoutingKey, string? ContentType, DeliveryModes DeliveryMode, JsonObject Event)
{
    public string Id => (string)Event["id"]!;

    public string Type => (string)Event["type"]!;

    public string? Status => (string?)Event["status"];
}
