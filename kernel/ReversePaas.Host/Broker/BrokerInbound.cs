using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using CloudNative.CloudEvents;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ReversePaas.Host.Broker;

/// <summary>
/// Consumes <see cref="BrokerTopology.InboundQueue"/> (declared with its exchange, binding and the dead-letter queue on
/// every connect), one message at a time in queue order, acknowledged only after its outcome is settled: applied or a
/// duplicate → ack; cannot be applied → copied to <see cref="BrokerTopology.DeadQueue"/> with the reason (confirmed by
/// the broker) and then acked; failing for a passing reason → returned to the queue's head after a pause, and after
/// <see cref="BrokerOptions.InboundMaxAttempts"/> tries dead-lettered with the last reason. No message is dropped: a
/// crash before the ack makes the broker deliver it again, and its id keeps it from being applied twice.
/// </summary>
internal sealed partial class BrokerInbound(BrokerOptions options, IServiceScopeFactory scopes, ILogger<BrokerInbound> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);

    /// <summary>Null while consuming; else why not (for <c>/readyz</c>).</summary>
    public string? LastError { get; private set; } = "not connected yet";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pause = TimeSpan.FromMilliseconds(500);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ConsumeUntilBrokenAsync(stoppingToken);
                pause = TimeSpan.FromMilliseconds(500);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LastError = ex.Message;
                LogConsumeFailed(logger, ex.Message);
            }

            try
            {
                await Task.Delay(pause, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
        }
    }

    private async Task ConsumeUntilBrokenAsync(CancellationToken stoppingToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(options.Uri),
            AutomaticRecoveryEnabled = false, // this loop reconnects and declares again
            ClientProvidedName = "reversepaas-host-inbound",
            RequestedConnectionTimeout = options.OperationTimeout,
        };
        await using var connection = await factory.CreateConnectionAsync(stoppingToken);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), stoppingToken);
        await channel.ExchangeDeclareAsync(BrokerTopology.InboundExchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: stoppingToken);
        await channel.QueueDeclareAsync(BrokerTopology.InboundQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: stoppingToken);
        await channel.QueueBindAsync(BrokerTopology.InboundQueue, BrokerTopology.InboundExchange, "#", cancellationToken: stoppingToken);
        await channel.QueueDeclareAsync(BrokerTopology.DeadQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: stoppingToken);
        await channel.BasicQosAsync(0, 16, global: false, stoppingToken);

        var broken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.ConnectionShutdownAsync += (_, args) =>
        {
            broken.TrySetException(new InvalidOperationException($"The broker connection closed: {args.ReplyText}"));
            return Task.CompletedTask;
        };
        // A channel can close on its own (a channel-level error) with the connection still open: consuming stops then
        // too, so this loop must notice and start over rather than report itself consuming.
        channel.ChannelShutdownAsync += (_, args) =>
        {
            broken.TrySetException(new InvalidOperationException($"The broker channel closed: {args.ReplyText}"));
            return Task.CompletedTask;
        };
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) => HandleAsync(channel, delivery, stoppingToken);
        await channel.BasicConsumeAsync(BrokerTopology.InboundQueue, autoAck: false, consumer, stoppingToken);
        LastError = null;
        LogConsuming(logger, BrokerTopology.InboundQueue);
        await broken.Task.WaitAsync(stoppingToken);
    }

    private async Task HandleAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken stoppingToken)
    {
        var (cloudEvent, fault) = InboundEventHandler.Parse(delivery.Body);
        using var span = StartConsume(cloudEvent);
        InboundOutcome outcome;
        if (cloudEvent is null)
        {
            outcome = InboundOutcome.Dead(fault!);
        }
        else
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                outcome = await scope.ServiceProvider.GetRequiredService<InboundEventHandler>().ApplyAsync(cloudEvent, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Not one of the expected faults (a bug, or something unforeseen): tried again, then dead-lettered.
                outcome = InboundOutcome.Retry($"{ex.GetType().Name}: {ex.Message}");
            }
        }

        var key = cloudEvent?.Id ?? "";
        if (outcome.Verdict == InboundVerdict.Retry && _attempts.AddOrUpdate(key, 1, (_, n) => n + 1) >= options.InboundMaxAttempts)
        {
            outcome = InboundOutcome.Dead($"{outcome.Reason} (gave up after {options.InboundMaxAttempts} attempts)");
        }

        span?.SetTag("reversepaas.inbound.outcome", outcome.Verdict.ToString());
        switch (outcome.Verdict)
        {
            case InboundVerdict.Retry:
                LogRetry(logger, key, outcome.Reason);
                // A pause before the message goes back to the queue's head: a busy order or a system away needs time.
                await Task.Delay(TimeSpan.FromMilliseconds(200 * Math.Min(_attempts.GetValueOrDefault(key), 10)), stoppingToken);
                await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, stoppingToken);
                return;
            case InboundVerdict.Dead:
                LogDead(logger, key, delivery.RoutingKey, outcome.Reason);
                await DeadLetterAsync(channel, delivery, outcome.Reason, stoppingToken);
                break;
        }

        _attempts.TryRemove(key, out _);
        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, stoppingToken);
    }

    // The message as it came, plus why it is here; published with a confirm before the original is acked.
    private static async Task DeadLetterAsync(IChannel channel, BasicDeliverEventArgs delivery, string reason, CancellationToken cancellationToken)
    {
        var headers = delivery.BasicProperties.Headers is { } original ? new Dictionary<string, object?>(original) : [];
        headers[BrokerTopology.DeadReasonHeader] = Encoding.UTF8.GetBytes(reason.Length > 1000 ? reason[..1000] : reason);
        headers["x-reversepaas-routing-key"] = Encoding.UTF8.GetBytes(delivery.RoutingKey);
        var properties = new BasicProperties
        {
            ContentType = delivery.BasicProperties.ContentType,
            MessageId = delivery.BasicProperties.MessageId,
            Type = delivery.BasicProperties.Type,
            DeliveryMode = DeliveryModes.Persistent,
            Headers = headers,
        };
        await channel.BasicPublishAsync("", BrokerTopology.DeadQueue, mandatory: true, properties, delivery.Body, cancellationToken);
    }

    // A consume span continues the sender's trace when the event carries one (CloudEvents' traceparent extension).
    private static Activity? StartConsume(CloudEvent? cloudEvent)
    {
        if (!BrokerTracing.Source.HasListeners())
        {
            return null;
        }

        ActivityContext.TryParse(cloudEvent?[CloudEventMessages.TraceParentAttribute] as string, null, isRemote: true, out var parent);
        var span = BrokerTracing.Source.StartActivity("broker.consume", ActivityKind.Consumer, parent);
        span?.SetTag("messaging.system", "rabbitmq");
        span?.SetTag("messaging.destination.name", BrokerTopology.InboundQueue);
        span?.SetTag("cloudevents.event_type", cloudEvent?.Type);
        return span;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming inbound events from {Queue}")]
    private static partial void LogConsuming(ILogger logger, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbound events cannot be consumed ({Error}); connecting again")]
    private static partial void LogConsumeFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbound event {EventId} not applied now ({Reason}); offered again")]
    private static partial void LogRetry(ILogger logger, string eventId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbound event {EventId} ({RoutingKey}) dead-lettered: {Reason}")]
    private static partial void LogDead(ILogger logger, string eventId, string routingKey, string reason);
}
