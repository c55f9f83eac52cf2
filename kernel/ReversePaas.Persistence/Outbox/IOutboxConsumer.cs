namespace ReversePaas.Persistence.Outbox;

/// <summary>
/// Receives outbox messages at least once, in any order. A consumer must be idempotent: reload the latest state
/// by the message's key and overwrite, or call a system with an idempotency key.
/// </summary>
public interface IOutboxConsumer
{
    /// <summary>Stable name, recorded per delivery.</summary>
    string Name { get; }

    /// <summary>True for the topics this consumer handles.</summary>
    bool Accepts(string topic);

    /// <summary>Handles one message; throw to have it retried later.</summary>
    Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken);
}
