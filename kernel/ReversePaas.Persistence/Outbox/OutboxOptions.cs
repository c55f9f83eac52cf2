using Microsoft.Extensions.Configuration;
namespace ReversePaas.Persistence.Outbox;

/// <summary>The outbox dispatcher and its retention sweep (configuration section <c>Outbox</c>).</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

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

    /// <summary>
    /// How long a dispatched message and its delivery records are kept (default 7 days) before
    /// <see cref="OutboxRetentionSweep"/> deletes them: long enough to answer "was it delivered, and when" about last
    /// week's work, short enough that the tables hold the recent past rather than every change ever made. Messages not
    /// yet dispatched are never deleted, whatever their age. Zero or negative is refused at start: it could mean "delete
    /// at once" or "keep for ever", and guessing either wrong loses data or fills the disk; a long span keeps them longer.
    /// </summary>
    public TimeSpan RetainDispatchedFor { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Binds and checks the section; a value the host cannot run with stops it at start with the reason.</summary>
    public static OutboxOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<OutboxOptions>() ?? new OutboxOptions();
        if (options.RetainDispatchedFor <= TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                $"{Section}:RetainDispatchedFor must be a positive time span (got {options.RetainDispatchedFor}): dispatched outbox messages are deleted once dispatched longer ago than it. To keep them longer, set a longer span (e.g. 365.00:00:00).");
        }

        if (options.ClaimLease <= TimeSpan.Zero)
        {
            // A lease that has lapsed when taken would let every host deliver every message at once.
            throw new InvalidOperationException(
                $"{Section}:ClaimLease must be a positive time span (got {options.ClaimLease}): it is how long a dispatcher pass holds the messages it claimed, longer than one consumer call takes (default 00:00:30).");
        }

        return options;
    }
}
