using Microsoft.Extensions.Configuration;

namespace ReversePaas.Persistence.Archive;

/// <summary>
/// Cold and hot data (configuration section <c>Archive</c>): finished after-sales whose last change is older than
/// <see cref="After"/> move from the hot tables to the archive (docs/persistence.md, "Archive").
/// </summary>
public sealed class ArchiveOptions
{
    public const string Section = "Archive";

    /// <summary>The largest batch accepted: one batch is one transaction, and a longer one holds its locks longer.</summary>
    public const int MaxBatchSize = 10_000;

    /// <summary>False: no host moves anything (the archive is still read). Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How long after its last change a finished after-sale stays hot (default 180 days): lists, claims and the
    /// executor's scans read the hot tables, so they grow with the recent past rather than with every after-sale ever.
    /// </summary>
    public TimeSpan After { get; set; } = TimeSpan.FromDays(180);

    /// <summary>After-sales moved per transaction (default 500).</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// How often each host's mover looks for work (default 10 minutes). A pass moves batch after batch until nothing
    /// is due; after-sales become due continuously and nothing waits for them to go, so minutes of lag cost nothing.
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Binds and checks the section; a value the host cannot run with stops it at start with the reason.</summary>
    public static ArchiveOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<ArchiveOptions>() ?? new ArchiveOptions();
        if (options.After <= TimeSpan.Zero)
        {
            // Zero would archive an after-sale the moment it finished, while its events are still being delivered.
            throw new InvalidOperationException(
                $"{Section}:After must be a positive time span (got {options.After}): finished after-sales older than it move to the archive (default 180.00:00:00). To keep everything hot, set {Section}:Enabled to false.");
        }

        if (options.BatchSize is < 1 or > MaxBatchSize)
        {
            throw new InvalidOperationException(
                $"{Section}:BatchSize must be between 1 and {MaxBatchSize} (got {options.BatchSize}): it is how many after-sales one transaction moves (default 500).");
        }

        if (options.Interval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                $"{Section}:Interval must be a positive time span (got {options.Interval}): it is how often each host looks for after-sales to archive (default 00:10:00).");
        }

        return options;
    }
}
