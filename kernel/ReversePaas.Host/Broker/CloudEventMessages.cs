using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace ReversePaas.Host.Broker;

/// <summary>
/// Publishes CloudEvents 1.0 in structured JSON mode to <see cref="BrokerTopology.EventsExchange"/>: routing key = type,
/// persistent, <c>application/cloudevents+json</c>, the event id also as the AMQP message id. The data is written with
/// the host's HTTP JSON options, so it reads exactly as the REST answers do (enum names, money as numbers).
/// </summary>
internal sealed class CloudEventMessages(BrokerConnection connection, IOptions<JsonOptions> json, TimeProvider time)
{
    // The status a status-changed event announces (its data is the after-sale as it is when published, maybe later).
    private static readonly CloudEventAttribute StatusAttribute = CloudEventAttribute.CreateExtension("status", CloudEventAttributeType.String);

    // The timeline sequence of the change it announces: consumers can order and dedupe by it as well as by id.
    private static readonly CloudEventAttribute SequenceAttribute = CloudEventAttribute.CreateExtension("sequence", CloudEventAttributeType.Integer);

    private readonly JsonEventFormatter _formatter = new(json.Value.SerializerOptions, default);

    /// <summary>Publishes one event; returns once the broker confirmed it.</summary>
    public Task PublishAsync(string type, string id, string subject, object data, CancellationToken cancellationToken, string? status = null, int? sequence = null)
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, [StatusAttribute, SequenceAttribute])
        {
            Id = id,
            Type = type,
            Source = BrokerTopology.Source,
            Subject = subject,
            Time = time.GetUtcNow(),
            DataContentType = "application/json",
            Data = JsonSerializer.SerializeToElement(data, json.Value.SerializerOptions),
        };
        if (status is not null)
        {
            cloudEvent[StatusAttribute] = status;
        }

        if (sequence is { } number)
        {
            cloudEvent[SequenceAttribute] = number;
        }

        var body = _formatter.EncodeStructuredModeMessage(cloudEvent, out _);
        var properties = new BasicProperties
        {
            ContentType = BrokerTopology.CloudEventsJson,
            DeliveryMode = DeliveryModes.Persistent,
            MessageId = id,
            Type = type,
        };
        return connection.PublishAsync(BrokerTopology.EventsExchange, type, properties, body, cancellationToken);
    }
}
