using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;
using ReversePaas.Host.Jobs;

namespace ReversePaas.Host.Health;

/// <summary>
/// The deadlines' scheduler for ops: whether it runs, how many deadlines it holds and how late the most overdue one
/// is. Unhealthy when the scheduler stopped (no timeout would fire); degraded when a deadline is more than a
/// minute late (the scheduler is starved, or a run keeps failing).
/// </summary>
[ReadinessCheck("jobs", 4)]
internal sealed class JobsHealthCheck(ISchedulerFactory schedulers, DeadlineScheduler deadlines, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan Behind = TimeSpan.FromMinutes(1);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            if (scheduler.Status == SchedulerStatus.Created)
            {
                // Started just after the host has started; until then deadlines wait (none is lost), requests are served.
                return HealthCheckResult.Healthy($"The job scheduler '{scheduler.SchedulerName}' is starting.");
            }

            if (scheduler.Status != SchedulerStatus.Running)
            {
                return HealthCheckResult.Unhealthy($"The job scheduler '{scheduler.SchedulerName}' is {scheduler.Status}: no deadline fires.");
            }

            var held = await deadlines.ListAsync(1000, cancellationToken);
            var now = time.GetUtcNow();
            var late = held.Where(d => d.DueAt is { } due && due < now).Select(d => now - d.DueAt!.Value).DefaultIfEmpty(TimeSpan.Zero).Max();
            var data = new Dictionary<string, object>
            {
                ["scheduler"] = scheduler.SchedulerName,
                ["instance"] = scheduler.SchedulerInstanceId,
                ["deadlines"] = held.Count,
                ["mostLateSeconds"] = (long)late.TotalSeconds,
            };
            return late > Behind
                ? HealthCheckResult.Degraded($"{held.Count} deadline(s) held; one is {(long)late.TotalSeconds} s late.", data: data)
                : HealthCheckResult.Healthy($"{held.Count} deadline(s) held.", data);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The job store cannot be read: {ex.Message}");
        }
    }
}
