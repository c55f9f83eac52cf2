namespace ReversePaas.Host.RateLimiting;

/// <summary>
/// <c>RateLimiting:*</c>: a token bucket per caller for write requests. <see cref="PermitsPerSecond"/> is the sustained
/// rate, <see cref="Burst"/> the bucket size (what an idle caller may send at once).
/// </summary>
internal sealed class WriteRateLimitOptions
{
    public const string Section = "RateLimiting";

    public bool Enabled { get; init; } = true;

    public int PermitsPerSecond { get; init; } = 200;

    /// <summary>Unset = twice <see cref="PermitsPerSecond"/>, so raising the rate alone raises both.</summary>
    public int? Burst { get; init; }

    public int BucketSize => Burst ?? (int)Math.Min(int.MaxValue, PermitsPerSecond * 2L);

    public static WriteRateLimitOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<WriteRateLimitOptions>() ?? new WriteRateLimitOptions();
        if (options.Enabled && (options.PermitsPerSecond < 1 || options.BucketSize < 1))
        {
            throw new InvalidOperationException(
                $"{Section}:PermitsPerSecond and {Section}:Burst must be at least 1 (got {options.PermitsPerSecond} and {options.BucketSize}); set {Section}:Enabled=false to turn limiting off.");
        }

        return options;
    }
}
