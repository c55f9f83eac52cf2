namespace ReversePaas.Persistence.Outbox;

/// <summary>
/// Thrown by a consumer whose work for a message is due later (a refund's next attempt after a refusal, a system
/// that could not be reached): the dispatcher keeps the message and delivers it again at <see cref="Until"/>. The
/// wait is in the database, not in memory, so it survives a restart and holds back nothing else.
/// </summary>
public sealed class OutboxDeferralException : Exception
{
    /// <summary>Defers the message until <paramref name="until"/>, saying why.</summary>
    public OutboxDeferralException(DateTimeOffset until, string reason)
        : base(reason)
    {
        Until = until;
    }

    /// <summary>When to deliver the message again.</summary>
    public DateTimeOffset Until { get; }
}
