using Hangfire;
using ReversePaas.Kernel.Activities;
using ReversePaas.Kernel.Domain;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Persistence.Deadlines;
using ReversePaas.Persistence.Sharding;

namespace ReversePaas.Host.Jobs;

/// <summary>
/// One run of one deadline, as Hangfire performs it on any host: the kernel re-reads the state and re-checks the time;
/// then the run finishes its claim (removes the deadline, or sets it again when the kernel says "later"). A run whose
/// claim was replaced before it started (the deadline was set again, removed, or re-claimed after its host was presumed
/// lost) does nothing, so each deadline's action is taken once per claim. Hangfire does not retry: a failed run sets the
/// deadline again after <see cref="JobsOptions.RetryDelay"/> on the host's clock.
/// </summary>
/// <remarks>
/// On a sharded host the deadline and the run work on the shard database of the key (an order number for the order's
/// deadlines, an after-sale id for the others): the job's arguments stay the same, so runs queued before stay valid.
/// </remarks>
internal sealed partial class DeadlineJob(ShardScopes scopes, JobsOptions options, TimeProvider time, ILogger<DeadlineJob> logger)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(DeadlineKind kind, string key, string runId, CancellationToken cancellationToken)
    {
        var name = DeadlineScheduler.NameOf(kind);
        var database = Deadlines.AfterSaleKinds.Contains(kind) ? scopes.DatabaseOfAfterSale(key) : scopes.DatabaseOfOrder(key);
        using var bookScope = scopes.CreateScope(database);
        var book = bookScope.ServiceProvider.GetRequiredService<DeadlineBook>();
        if (!await book.IsHeldByAsync(name, key, runId, cancellationToken))
        {
            LogSuperseded(logger, kind, key, runId);
            return;
        }

        DeadlineOutcome outcome;
        try
        {
            using var scope = scopes.CreateScope(database);
            using var lease = scope.ServiceProvider.GetRequiredService<ExtensionRuntime>().Lease();
            outcome = await scope.ServiceProvider.GetRequiredService<Deadlines>().RunAsync(kind, key, cancellationToken);
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
            outcome = DeadlineOutcome.Later(time.GetUtcNow() + options.RetryDelay);
        }

        // The deadline may be gone already: the change this run made reached the outbox's deadline consumer, which
        // removed or moved it. Logged after finishing: a run cut short before that runs again (same claim), and logs then.
        var finished = await book.FinishAsync(name, key, runId, outcome.RetryAt, CancellationToken.None);
        LogRan(logger, kind, key, runId, outcome.RetryAt, finished);
    }

    // One line per run: ops (and the cluster test) can see that each deadline ran once, and on which host.
    [LoggerMessage(Level = LogLevel.Information, Message = "Deadline {Kind} of {Key} ran (run {RunId}); again at {RetryAt}; claim finished by the run: {Finished}")]
    private static partial void LogRan(ILogger logger, DeadlineKind kind, string key, string runId, DateTimeOffset? retryAt, bool finished);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deadline {Kind} of {Key}: run {RunId} no longer holds it (set again, removed or re-claimed); nothing finished")]
    private static partial void LogSuperseded(ILogger logger, DeadlineKind kind, string key, string runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deadline {Kind} of {Key} was refused by a domain rule; it will not be tried again")]
    private static partial void LogRunRefused(ILogger logger, DeadlineKind kind, string key, Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deadline {Kind} of {Key} failed; it will be tried again")]
    private static partial void LogRunFailed(ILogger logger, DeadlineKind kind, string key, Exception ex);
}
