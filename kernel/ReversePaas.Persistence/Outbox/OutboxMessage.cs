using System.Diagnostics;

namespace ReversePaas.Persistence.Outbox;

/// <summary>
/// A change to tell other systems about, written in the same transaction as the change itself (so a change is
/// never saved without its message, nor a message sent for a change that rolled back). Messages carry keys, not
/// state: consumers reload the latest state, so duplicates and reordering do no harm.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Creates a message.</summary>
    public OutboxMessage(string topic, string key, string orderId, DateTimeOffset createdAt)
    {
        Topic = topic;
        Key = key;
        OrderId = orderId;
        CreatedAt = createdAt;
        // The W3C id of the activity that made the change: the delivery's span continues that trace (null: none).
        TraceParent = Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;
    }

    /// <summary>Sequence number (database-generated).</summary>
    public long Id { get; private set; }

    /// <summary>What happened: <see cref="OutboxTopics"/>.</summary>
    public string Topic { get; private set; }

    /// <summary>What it happened to (an after-sale id).</summary>
    public string Key { get; private set; }

    /// <summary>The order concerned (the routing key of all order data).</summary>
    public string OrderId { get; private set; }

    /// <summary>When it was written.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The <c>traceparent</c> (W3C trace context) of the change that wrote it; null when none was traced.</summary>
    public string? TraceParent { get; private set; }

    /// <summary>When every consumer had it; null while pending.</summary>
    public DateTimeOffset? DispatchedAt { get; private set; }

    /// <summary>Failed delivery rounds.</summary>
    public int Attempts { get; private set; }

    /// <summary>The last delivery error, for ops.</summary>
    public string? LastError { get; private set; }

    /// <summary>Not before this time (backoff after a failure).</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }

    /// <summary>
    /// The dispatcher pass (of some host) that holds the message, so that several hosts never deliver it at once;
    /// null when free. A claim whose <see cref="ClaimedUntil"/> passed (its host died) is free again.
    /// </summary>
    public string? ClaimedBy { get; private set; }

    /// <summary>Until when <see cref="ClaimedBy"/> holds the message.</summary>
    public DateTimeOffset? ClaimedUntil { get; private set; }

    /// <summary>
    /// Extends the claim of the pass that holds the message to <paramref name="until"/>. Saved with the delivery it
    /// follows; the context's concurrency check on <see cref="ClaimedBy"/> makes that save fail when another pass holds
    /// the message by then.
    /// </summary>
    public void RenewClaim(DateTimeOffset until) => ClaimedUntil = until;

    /// <summary>Every consumer has the message.</summary>
    public void MarkDispatched(DateTimeOffset now)
    {
        ReleaseClaim();
        DispatchedAt = now;
        LastError = null;
        NextAttemptAt = null;
    }

    /// <summary>A consumer failed; try again at <paramref name="retryAt"/>.</summary>
    public void MarkFailed(string error, DateTimeOffset retryAt)
    {
        ReleaseClaim();
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        NextAttemptAt = retryAt;
    }

    /// <summary>
    /// A consumer asked to see the message again at <paramref name="until"/> (work scheduled for later, not a failure:
    /// <see cref="Attempts"/> is not counted).
    /// </summary>
    public void Defer(string reason, DateTimeOffset until)
    {
        ReleaseClaim();
        LastError = reason.Length > 2000 ? reason[..2000] : reason;
        NextAttemptAt = until;
    }

    private void ReleaseClaim()
    {
        ClaimedBy = null;
        ClaimedUntil = null;
    }
}
