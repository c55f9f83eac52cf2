namespace ReversePaas.Host.Jobs;

/// <summary>The job scheduler (configuration section <c>Jobs</c>).</summary>
internal sealed class JobsOptions
{
    /// <summary>
    /// Scheduler name; hosts sharing a database and this name form one cluster on PostgreSQL (each job fires once).
    /// </summary>
    public string SchedulerName { get; set; } = "ReversePaas";

    /// <summary>Cluster the scheduler on PostgreSQL (default true). SQLite is one process's database: never clustered.</summary>
    public bool Clustered { get; set; } = true;

    /// <summary>
    /// How long an idle scheduler waits before it looks for work again (minimum 1 s). Work scheduled by this host
    /// wakes it at once; work scheduled by another host of the cluster waits at most this long.
    /// </summary>
    public TimeSpan IdleWaitTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a clustered host checks in; a host silent for longer is presumed dead and its work taken over.</summary>
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Delay before a deadline whose run failed (lock timeout, database) is tried again.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Jobs run at once at most (Quartz thread pool size).</summary>
    public int MaxConcurrency { get; set; } = 8;
}
