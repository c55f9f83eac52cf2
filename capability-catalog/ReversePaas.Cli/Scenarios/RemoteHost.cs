using System.Text.Json;
using System.Text.Json.Nodes;
using RabbitMQ.Client;

namespace ReversePaas.Cli.Scenarios;

/// <summary>
/// A running host, over HTTP with an API key per actor (<c>--key</c>). Its clock is its own, so a scenario that moves
/// the clock is skipped; inbound events go to the broker's <c>reversepaas.inbound</c> exchange when <c>--rabbitmq</c>
/// is given (published with confirms; the host applies them in the background, so the steps after wait for them).
/// </summary>
internal sealed class RemoteHost(ScenarioHttp http, Uri? rabbitMq) : IScenarioTarget
{
    private IConnection? _connection;
    private IChannel? _channel;

    public DateTimeOffset Now => DateTimeOffset.UtcNow;

    public string? SkipReason(Scenario scenario)
        => scenario.MovesClock ? "moves the clock (in-process only)"
            : scenario.HasEvents && rabbitMq is null ? "sends inbound events: pass --rabbitmq URI to publish them to the host's broker"
            : http.CannotActAs([ScenarioHttp.Reader, ScenarioRunner.OrderCenter, .. scenario.Actors]);

    public Task<ScenarioReply> SendAsync(string actor, HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
        => http.SendAsync(actor, method, path, body, cancellationToken);

    public async Task PublishAsync(string type, string subject, JsonObject data, CancellationToken cancellationToken)
    {
        var channel = await ChannelAsync(cancellationToken);
        var id = "scenario-" + Guid.NewGuid().ToString("N");
        var cloudEvent = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = id,
            ["type"] = type,
            ["source"] = "urn:reversepaas:scenario",
            ["subject"] = subject,
            ["time"] = Now.ToString("O"),
            ["datacontenttype"] = "application/json",
            ["data"] = data.DeepClone(),
        };
        var properties = new BasicProperties { ContentType = "application/cloudevents+json", DeliveryMode = DeliveryModes.Persistent, MessageId = id };
        await channel.BasicPublishAsync("reversepaas.inbound", type, mandatory: false, properties, JsonSerializer.SerializeToUtf8Bytes(cloudEvent), cancellationToken);
    }

    public Task AdvanceAsync(TimeSpan by, CancellationToken cancellationToken)
        => throw new ScenarioFault("a running host's clock cannot be moved");

    // The host runs background steps on its own; the outcome is polled (bounded) instead.
    public Task SettleAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        if (_channel is not null)
        {
            await _channel.DisposeAsync();
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    private async Task<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is null)
        {
            try
            {
                _connection = await new ConnectionFactory { Uri = rabbitMq! }.CreateConnectionAsync(cancellationToken);
            }
            catch (RabbitMQ.Client.Exceptions.BrokerUnreachableException ex)
            {
                throw new CliException($"The broker {rabbitMq} cannot be reached: {ex.Message}", innerException: ex);
            }

            _channel = await _connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
            // Declared as the host declares it (idempotent), so an event sent before the host first connected is kept.
            await _channel.ExchangeDeclareAsync("reversepaas.inbound", ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            await _channel.QueueDeclareAsync("reversepaas.inbound", durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
            await _channel.QueueBindAsync("reversepaas.inbound", "reversepaas.inbound", "#", cancellationToken: cancellationToken);
        }

        return _channel;
    }
}
