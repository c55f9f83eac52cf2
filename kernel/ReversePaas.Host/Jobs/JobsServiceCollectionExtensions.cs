using Quartz;
using ReversePaas.Kernel.Activities;
using ReversePaas.Persistence;
using ReversePaas.Persistence.Schema;

namespace ReversePaas.Host.Jobs;

/// <summary>
/// Registers the deadlines' job scheduler: Quartz with its persistent store in our database (clustered on PostgreSQL,
/// so several hosts fire each deadline once), on the host's <see cref="TimeProvider"/> (tests move it).
/// </summary>
internal static class JobsServiceCollectionExtensions
{
    public static IServiceCollection AddDeadlineJobs(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        var options = configuration.GetSection("Jobs").Get<JobsOptions>() ?? new JobsOptions();
        var engine = PersistenceServiceCollectionExtensions.EngineOf(connectionString);
        services.AddSingleton(options);
        var properties = new Dictionary<string, string?>
        {
            ["quartz.scheduler.instanceName"] = options.SchedulerName,
            ["quartz.scheduler.instanceId"] = "AUTO",
            ["quartz.scheduler.idleWaitTime"] = ((long)Math.Max(1000, options.IdleWaitTime.TotalMilliseconds)).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        services.AddQuartz(properties, quartz =>
        {
            quartz.UseDefaultThreadPool(options.MaxConcurrency);
            quartz.UsePersistentStore(store =>
            {
                if (engine == DatabaseEngine.PostgreSql)
                {
                    store.UsePostgres(connectionString);
                    if (options.Clustered)
                    {
                        store.UseClustering(c =>
                        {
                            c.CheckinInterval = options.ClusterCheckinInterval;
                            c.CheckinMisfireThreshold = options.ClusterCheckinInterval * 4;
                        });
                    }
                }
                else
                {
                    store.UseSqlite(connectionString);
                }

                store.ConfigureStore(s => s.TablePrefix = JobStoreSchema.TablePrefix);
                store.UseSystemTextJsonSerializer();
            });
            foreach (var kind in Enum.GetValues<DeadlineKind>())
            {
                // A job interrupted by a crash runs again on restart (or on another host): every run is idempotent.
                quartz.AddJob<DeadlineJob>(job => job.WithIdentity(DeadlineScheduler.JobOf(kind)).StoreDurably().RequestRecovery());
            }
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);

        services.AddSingleton<DeadlineScheduler>();
        services.AddScoped<CombinedPickup>();
        services.AddScoped<Deadlines>();
        return services;
    }
}
