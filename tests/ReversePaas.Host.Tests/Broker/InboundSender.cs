using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ReversePaas.Host.Tests.Broker;

/// <summary>
/// Another system's side of API.md "In": publishes CloudEvents (or any bytes) to <c>reversepaas.inbound</c> with
/// confirms, and hears <c>reversepaas.inbound.dead</c>, keeping each dead letter's message id and reason.
/// </summary>
public sealed class InboundSender : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly ConcurrentQueue<(string? MessageId, string Reason, byte[] Body)> _dead = new();

    private InboundSender(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public static async Task<InboundSender> OpenAsync()
    {
        var connection = await new ConnectionFactory { Uri = TestRabbitMq.Uri }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        // Declared as the host declares them, so a message sent before the host first connects is routed and kept.
        await channel.ExchangeDeclareAsync("reversepaas.inbound", ExchangeType.Topic, durable: true, autoDelete: false);
        await channel.QueueDeclareAsync("reversepaas.inbound", durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync("reversepaas.inbound", "reversepaas.inbound", "#");
        await channel.QueueDeclareAsync("reversepaas.inbound.dead", durable: true, exclusive: false, autoDelete: false);
        var sender = new InboundSender(connection, channel);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            var reason = delivery.BasicProperties.Headers?.TryGetValue("x-reversepaas-dead-reason", out var value) == true && value is byte[] bytes
                ? Encoding.UTF8.GetString(bytes) : "";
            sender._dead.Enqueue((delivery.BasicProperties.MessageId, reason, delivery.Body.ToArray()));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync("reversepaas.inbound.dead", autoAck: true, consumer);
        return sender;
    }

    /// <summary>Publishes a structured CloudEvent; returns its id.</summary>
    public async Task<string> SendAsync(string type, string subject, object data, DateTimeOffset? time = null, string? id = null)
    {
        id ??= Guid.NewGuid().ToString("N");
        var cloudEvent = new Dictionary<string, object?>
        {
            ["specversion"] = "1.0",
            ["id"] = id,
            ["type"] = type,
            ["source"] = "urn:test:logistics",
            ["subject"] = subject,
            ["time"] = (time ?? DateTimeOffset.UtcNow).ToString("O"),
            ["datacontenttype"] = "application/json",
            ["data"] = data,
        };
        await SendRawAsync(type, JsonSerializer.SerializeToUtf8Bytes(cloudEvent), id);
        return id;
    }

    /// <summary>Publishes <paramref name="body"/> as it is (with <paramref name="messageId"/> as the AMQP message id).</summary>
    public async Task SendRawAsync(string routingKey, byte[] body, string messageId)
    {
        var properties = new BasicProperties { ContentType = "application/cloudevents+json", DeliveryMode = DeliveryModes.Persistent, MessageId = messageId };
        await _channel.BasicPublishAsync("reversepaas.inbound", routingKey, mandatory: false, properties, body);
    }

    /// <summary>The reason the dead letter with this message id carries, once it arrived.</summary>
    public async Task<string> DeadReasonAsync(string messageId)
    {
        string? reason = null;
        await Flows.ReverseApi.WaitUntilAsync(() =>
        {
            reason = _dead.FirstOrDefault(d => d.MessageId == messageId).Reason;
            return Task.FromResult(reason is not null);
        }, $"the dead letter of {messageId}", TimeSpan.FromSeconds(60));
        return reason!;
    }

    /// <summary>True when a dead letter with this message id arrived (so far).</summary>
    public bool IsDead(string messageId) => _dead.Any(d => d.MessageId == messageId);

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
