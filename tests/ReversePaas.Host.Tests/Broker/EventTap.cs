using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ReversePaas.Host.Tests.Broker;

/// <summary>
/// A test's own exclusive, auto-deleted queue bound to <c>reversepaas.events</c> with <c>#</c>: it sees every event any
/// host publishes, so a test filters by subject (its own after-sale or order), and tests do not disturb each other.
/// </summary>
public sealed class EventTap : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly ConcurrentQueue<ReceivedEvent> _received = new();

    private EventTap(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public IReadOnlyList<ReceivedEvent> Received => [.. _received];

    public static async Task<EventTap> OpenAsync()
    {
        var connection = await new ConnectionFactory { Uri = TestRabbitMq.Uri }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        // Declared here too (same arguments as the host's), so the binding exists before the host first connects.
        await channel.ExchangeDeclareAsync("reversepaas.events", ExchangeType.Topic, durable: true, autoDelete: false);
        var queue = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true);
        await channel.QueueBindAsync(queue.QueueName, "reversepaas.events", "#");
        var tap = new EventTap(connection, channel);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            tap._received.Enqueue(new ReceivedEvent(
                delivery.RoutingKey, delivery.BasicProperties.ContentType, delivery.BasicProperties.DeliveryMode,
                JsonNode.Parse(delivery.Body.Span)!.AsObject()));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer);
        return tap;
    }

    /// <summary>The events about <paramref name="subject"/>, in the order they arrived.</summary>
    public List<ReceivedEvent> About(string subject) => [.. _received.Where(e => (string?)e.Event["subject"] == subject)];

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
