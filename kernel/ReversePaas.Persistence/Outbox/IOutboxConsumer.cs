namespace ReversePaas.Persistence.Outbox;

/// <summary>
/// Receives outbox messages at least once, in any order. A consumer must be idempotent: reload the latest state
/// by the message's key and overwrite, or call a system with an idempotency key.
/// </summary>
public interface IOutboxConsumer
{
    /// <summary>Stable name, recorded per delivery.</summary>
    string Name { get; }

    /// <summary>
    /// Where this consumer stands in a pass (ascending; equal places keep registration order). A consumer whose
    /// delivery may be deferred holds back only the consumers after it, so such a consumer goes last. Default 0.
    /// </summary>
    int Order => 0;

    /// <summary>True for the topics this consumer handles.</summary>
    bool Accepts(string topic);

    /// <summary>
    /// Called once per dispatcher pass, before the first <see cref="HandleAsync"/>, with the claimed messages this
    /// consumer will be given: the place to read what they need in one query rather than one per message. Optional; a
    /// failure is logged and the pass goes on, so what it would have read must still be read by <see cref="HandleAsync"/>.
    /// </summary>
    Task PrepareAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles one message; throw to have it retried later.</summary>
    Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken);
}
