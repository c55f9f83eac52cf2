namespace ReversePaas.Host.Jobs;

/// <summary>The deadlines' runner (configuration section <c>Jobs</c>): Hangfire's server and the pass that queues what is due.</summary>
internal sealed class JobsOptions
{
    /// <summary>How often a host looks for due deadlines and Hangfire for queued runs (default 1 s).</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Deadline runs at once on this host (Hangfire workers; default 2). A run takes milliseconds, and each worker costs
    /// PostgreSQL connections (about two with long polling), so more rarely pays.
    /// </summary>
    public int WorkerCount { get; set; } = 2;

    /// <summary>Delay before a deadline whose run failed (lock timeout, database) is tried again (default 5 s).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a claimed deadline is left to its run (default 5 min). A run lost with its host (killed before Hangfire
    /// could hand it to another server) is claimed and queued again after this.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a run fetched by a server that died stays invisible to the others before Hangfire hands it on
    /// (default 1 min; live servers keep their runs with a heartbeat).
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Deadlines claimed per pass at most (default 100).</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Reads the section and refuses values that cannot work, naming the key.</summary>
    public static JobsOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection("Jobs").Get<JobsOptions>() ?? new JobsOptions();
        Require(options.PollingInterval >= TimeSpan.FromMilliseconds(100), "Jobs:PollingInterval", "at least 00:00:00.100", options.PollingInterval);
        Require(options.WorkerCount is >= 1 and <= 100, "Jobs:WorkerCount", "between 1 and 100", options.WorkerCount);
        Require(options.RetryDelay > TimeSpan.Zero, "Jobs:RetryDelay", "positive", options.RetryDelay);
        Require(options.ClaimLease >= TimeSpan.FromSeconds(1), "Jobs:ClaimLease", "at least 00:00:01", options.ClaimLease);
        Require(options.InvisibilityTimeout >= TimeSpan.FromSeconds(1), "Jobs:InvisibilityTimeout", "at least 00:00:01", options.InvisibilityTimeout);
        Require(options.BatchSize is >= 1 and <= 10_000, "Jobs:BatchSize", "between 1 and 10000", options.BatchSize);
        return options;
    }

    private static void Require(bool valid, string key, string rule, object value)
    {
        if (!valid)
        {
            throw new InvalidOperationException($"{key} must be {rule}; it is {value}.");
        }
    }
}
