using Quartz;
using ReversePaas.Kernel.Activities;
using ReversePaas.Kernel.Domain;

namespace ReversePaas.Host.Jobs;

/// <summary>
/// Runs one deadline (the kind is the job, the order or after-sale the trigger's data) through the kernel, which
/// re-reads the state and re-checks the time; when it says "later", the trigger is set again for then. A run that
/// fails (a lock held too long, a database hiccup) is retried after <see cref="JobsOptions.RetryDelay"/>.
/// </summary>
internal sealed partial class DeadlineJob(IServiceScopeFactory scopes, DeadlineScheduler schedule, JobsOptions options, ILogger<DeadlineJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var kind = DeadlineScheduler.KindOf(context.JobDetail.Key);
        var key = context.MergedJobDataMap.GetString(DeadlineScheduler.KeyData)
            ?? throw new InvalidOperationException($"Trigger {context.Trigger.Key} carries no '{DeadlineScheduler.KeyData}'.");
        DeadlineOutcome outcome;
        try
        {
            using var scope = scopes.CreateScope();
            outcome = await scope.ServiceProvider.GetRequiredService<Deadlines>().RunAsync(kind, key, cancellationToken);
            LogRan(logger, kind, key, context.FireInstanceId, outcome.RetryAt);
        }
        catch (Exception ex) when (ex is DomainRuleException or NotFoundException or ForbiddenActionException)
        {
            // The domain refused the deadline's action for good (the state moved on in a way the run does not cover):
            // running it again would be refused again, for ever. Ops see it in the error log.
            LogRunRefused(logger, kind, key, ex);
            outcome = DeadlineOutcome.Done;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRunFailed(logger, kind, key, ex);
            outcome = DeadlineOutcome.Later(context.Scheduler.TimeProvider.GetUtcNow() + options.RetryDelay);
        }

        if (outcome.RetryAt is { } at)
        {
            // Rescheduling the trigger that is firing is how Quartz repeats a one-shot: it keeps the new fire time.
            await schedule.ScheduleAsync(new Deadline(kind, key, at), onlyIfEarlier: false, cancellationToken, byItsOwnRun: true);
        }
    }

    // One line per run: ops (and the cluster test) can see that each deadline ran once, and on which host.
    [LoggerMessage(Level = LogLevel.Information, Message = "Deadline {Kind} of {Key} ran (fire {FireInstanceId}); again at {RetryAt}")]
    private static partial void LogRan(ILogger logger, DeadlineKind kind, string key, string fireInstanceId, DateTimeOffset? retryAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deadline {Kind} of {Key} was refused by a domain rule; it will not be tried again")]
    private static partial void LogRunRefused(ILogger logger, DeadlineKind kind, string key, Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deadline {Kind} of {Key} failed; it will be tried again")]
    private static partial void LogRunFailed(ILogger logger, DeadlineKind kind, string key, Exception ex);
}
