using Quartz;
using ReversePaas.Host.Contracts;
using ReversePaas.Kernel.Activities;
using ReversePaas.Persistence.Outbox;

namespace ReversePaas.Host.Jobs;

/// <summary>
/// Keeps deadlines in the job store: one durable job per kind, one one-shot trigger per order or after-sale
/// (trigger name = the key, trigger group = the kind), so setting a deadline again replaces the previous one.
/// </summary>
internal sealed class DeadlineScheduler(ISchedulerFactory schedulers)
{
    public const string JobGroup = "deadlines";
    public const string KeyData = "key";

    private static readonly TimeSpan LateButNotMissed = TimeSpan.FromDays(365);
    private static readonly TimeSpan FiringSettleDelay = TimeSpan.FromMilliseconds(500);

    public static string NameOf(DeadlineKind kind) => kind switch
    {
        DeadlineKind.UnpaidOrder => "unpaid-order",
        DeadlineKind.ReviewTimeout => "review-timeout",
        DeadlineKind.ReturnShipmentTimeout => "return-shipment-timeout",
        DeadlineKind.CombinedPickup => "combined-pickup",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown deadline."),
    };

    public static JobKey JobOf(DeadlineKind kind) => new(NameOf(kind), JobGroup);

    public static DeadlineKind KindOf(JobKey job)
        => Enum.GetValues<DeadlineKind>().Single(k => NameOf(k) == job.Name);

    public static TriggerKey TriggerOf(DeadlineKind kind, string key) => new(key, NameOf(kind));

    /// <summary>
    /// Sets the deadline; with <paramref name="onlyIfEarlier"/> an existing earlier one is kept (a combined pickup
    /// runs at the earliest time any return of the order asked for). <paramref name="byItsOwnRun"/>: the deadline's
    /// job sets it again from inside its run (Quartz keeps a trigger rescheduled by its own execution).
    /// </summary>
    /// <exception cref="OutboxDeferralException">The deadline is firing right now (asked from the outbox: try again shortly).</exception>
    public async Task ScheduleAsync(Deadline deadline, bool onlyIfEarlier, CancellationToken cancellationToken, bool byItsOwnRun = false)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var triggerKey = TriggerOf(deadline.Kind, deadline.Key);
        var existing = await scheduler.GetTrigger(triggerKey, cancellationToken);
        if (existing is { NextFireTimeUtc: null } && !byItsOwnRun)
        {
            // Its run is finishing and will then remove the trigger — with anything stored under its key meanwhile.
            // Setting the new deadline once the run is over loses nothing (the run reloads state under the lock).
            throw new OutboxDeferralException(scheduler.TimeProvider.GetUtcNow() + FiringSettleDelay,
                $"Deadline {NameOf(deadline.Kind)} of {deadline.Key} is firing; set again once it has run.");
        }

        if (existing?.NextFireTimeUtc is { } next && (next == deadline.DueAt || (onlyIfEarlier && next <= deadline.DueAt)))
        {
            return;
        }

        var trigger = TriggerBuilder.Create(scheduler.TimeProvider)
            .WithIdentity(triggerKey)
            .ForJob(JobOf(deadline.Kind))
            .UsingJobData(KeyData, deadline.Key)
            .StartAt(deadline.DueAt)
            // A deadline is never skipped, however late: a late one is picked up by the next acquisition like any due
            // trigger (not left to the misfire sweep, which runs only every minute); one later still fires at once.
            .WithMisfireThreshold(LateButNotMissed)
            .WithSchedule(SimpleScheduleBuilder.Create().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(trigger, ScheduleJobOptions.Replacing, cancellationToken);
    }

    /// <summary>
    /// Removes the deadline. Callers first read which deadlines the job store holds (one query for all kinds, see
    /// <c>DeadlineScheduleConsumer</c>), so most changes, which hold none, never reach Quartz's write lock.
    /// </summary>
    public async Task UnscheduleAsync(DeadlineKind kind, string key, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.UnscheduleJob(TriggerOf(kind, key), cancellationToken);
    }

    /// <summary>The deadlines set, soonest first (at most <paramref name="max"/> per kind).</summary>
    public async Task<IReadOnlyList<ScheduledDeadline>> ListAsync(int max, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var list = new List<ScheduledDeadline>();
        foreach (var kind in Enum.GetValues<DeadlineKind>())
        {
            var keys = await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(NameOf(kind)), cancellationToken);
            foreach (var triggerKey in keys.Take(max))
            {
                if (await scheduler.GetTrigger(triggerKey, cancellationToken) is { } trigger)
                {
                    var state = await scheduler.GetTriggerState(triggerKey, cancellationToken);
                    list.Add(new ScheduledDeadline(NameOf(kind), triggerKey.Name, trigger.NextFireTimeUtc, state.ToString()));
                }
            }
        }

        return [.. list.OrderBy(d => d.DueAt)];
    }
}
