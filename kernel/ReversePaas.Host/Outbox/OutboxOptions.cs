namespace ReversePaas.Host.Outbox;

/// <summary>The outbox dispatcher (configuration section <c>Outbox</c>).</summary>
internal sealed class OutboxOptions
{
    /// <summary>
    /// Holds every delivery (an ops drill, or a host kept out of the work during maintenance): changes still commit
    /// with their messages, which wait until a host that is not paused delivers them. Shown by <c>/readyz</c>.
    /// </summary>
    public bool Paused { get; set; }

    /// <summary>
    /// How long a dispatcher pass holds the messages it claimed (default 30 s). The pass renews a message's claim before
    /// each consumer call, so this must be longer than one consumer call takes, not a whole pass: an execution delivery
    /// waits for the order's lock up to four times (three retries), <c>Activities:LockTimeout</c> each, about 20 s with
    /// the defaults. A pass releases what it did not
    /// deliver when it ends (also on a graceful stop), so only a host that dies holding claims delays those messages,
    /// by at most this long, after which another host delivers them.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(30);
}
