using RabbitMQ.Client;

namespace ReversePaas.Host.Broker;

/// <summary>
/// The host's one connection to the broker, opened on first use and opened again after it broke: the client's own
/// automatic recovery is off, because a publish that fails must fail now (the outbox keeps the event and retries it),
/// not wait in the client for a recovery. Declares the topology on every connect. Publishes one at a time on a channel
/// with publisher confirms, so a publish returns only once the broker has the message.
/// </summary>
internal sealed partial class BrokerConnection(BrokerOptions options, ILogger<BrokerConnection> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private IChannel? _channel;

    /// <summary>The last failure to connect or publish, cleared by the next success; for <c>/readyz</c>.</summary>
    public string? LastError { get; private set; }

    /// <summary>Publishes a persistent message to the exchange and waits for the broker's confirm.</summary>
    /// <exception cref="BrokerUnavailableException">Not connected, not confirmed, or not in time.</exception>
    public async Task PublishAsync(string exchange, string routingKey, BasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.OperationTimeout);
            var channel = await OpenAsync(timeout.Token);
            await channel.BasicPublishAsync(exchange, routingKey, mandatory: false, properties, body, timeout.Token);
            LastError = null;
        }
        catch (Exception ex) when (ex is not BrokerUnavailableException && !cancellationToken.IsCancellationRequested)
        {
            await FailAsync(ex);
            throw new BrokerUnavailableException($"The broker did not take the message: {ex.Message}", ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Connects when not connected; null when connected, else why not.</summary>
    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.OperationTimeout);
            await OpenAsync(timeout.Token);
            return null;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            await FailAsync(ex);
            return LastError;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        _gate.Dispose();
    }

    private async Task<IChannel> OpenAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true } open && _connection is { IsOpen: true })
        {
            return open;
        }

        await CloseAsync();
        var factory = new ConnectionFactory
        {
            Uri = new Uri(options.Uri),
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            ClientProvidedName = "reversepaas-host",
            RequestedConnectionTimeout = options.OperationTimeout,
        };
        _connection = await factory.CreateConnectionAsync(cancellationToken);
        _channel = await _connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        await _channel.ExchangeDeclareAsync(BrokerTopology.EventsExchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        LogConnected(logger, factory.Endpoint.ToString());
        return _channel;
    }

    private async Task FailAsync(Exception ex)
    {
        LastError = ex.Message;
        LogFailed(logger, ex.Message);
        await CloseAsync();
    }

    private async Task CloseAsync()
    {
        var (channel, connection) = (_channel, _connection);
        (_channel, _connection) = (null, null);
        try
        {
            if (channel is not null)
            {
                await channel.DisposeAsync();
            }

            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A broken connection may fail to close; it is dropped either way and the next use connects again.
            LogCloseFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to the broker at {Endpoint}; exchange declared")]
    private static partial void LogConnected(ILogger logger, string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The broker is unavailable: {Error}; the outbox keeps the events and retries")]
    private static partial void LogFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Closing a broken broker connection failed: {Error}")]
    private static partial void LogCloseFailed(ILogger logger, string error);
}
