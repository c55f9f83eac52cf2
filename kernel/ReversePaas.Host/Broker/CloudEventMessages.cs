using System.Diagnostics;
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

    /// <summary>
    /// CloudEvents' distributed tracing extension: the W3C <c>traceparent</c> of the change the event announces, so a
    /// consumer's spans join the trace that began with the REST request.
    /// </summary>
    public static readonly CloudEventAttribute TraceParentAttribute = CloudEventAttribute.CreateExtension("traceparent", CloudEventAttributeType.String);

    private readonly JsonEventFormatter _formatter = new(json.Value.SerializerOptions, default);

    /// <summary>
    /// Publishes one event; returns once the broker confirmed it. Its <c>traceparent</c> is the publish span's when one
    /// is recorded, else <paramref name="traceParent"/> (the outbox message's).
    /// </summary>
    public async Task PublishAsync(string type, string id, string subject, object data, string? traceParent, CancellationToken cancellationToken, string? status = null, int? sequence = null)
    {
        using var span = StartPublish(type, id);
        if (span is not null)
        {
            traceParent = span.Id;
        }

        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, [StatusAttribute, SequenceAttribute, TraceParentAttribute])
        {
            Id = id,
            Type = type,
            Source = BrokerTopology.Source,
            Subject = subject,
            Time = time.GetUtcNow(),
            DataContentType = "application/json",
            // Serialized once, by the formatter, with the host's JSON options (it was given them above).
            Data = data,
        };
        if (status is not null)
        {
            cloudEvent[StatusAttribute] = status;
        }

        if (sequence is { } number)
        {
            cloudEvent[SequenceAttribute] = number;
        }

        if (traceParent is { Length: > 0 })
        {
            cloudEvent[TraceParentAttribute] = traceParent;
        }

        var body = _formatter.EncodeStructuredModeMessage(cloudEvent, out _);
        var properties = new BasicProperties
        {
            ContentType = BrokerTopology.CloudEventsJson,
            DeliveryMode = DeliveryModes.Persistent,
            MessageId = id,
            Type = type,
        };
        await connection.PublishAsync(BrokerTopology.EventsExchange, type, properties, body, cancellationToken);
    }

    // Under the outbox delivery's span (current while the consumer runs), so the trace reads change → delivery → publish.
    private static Activity? StartPublish(string type, string id)
    {
        if (!BrokerTracing.Source.HasListeners())
        {
            return null;
        }

        var span = BrokerTracing.Source.StartActivity("broker.publish", ActivityKind.Producer);
        span?.SetTag("messaging.system", "rabbitmq");
        span?.SetTag("messaging.destination.name", BrokerTopology.EventsExchange);
        span?.SetTag("messaging.message.id", id);
        span?.SetTag("cloudevents.event_type", type);
        return span;
    }
}
