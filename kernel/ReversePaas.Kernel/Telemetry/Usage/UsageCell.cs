namespace ReversePaas.Kernel.Telemetry.Usage;

/// <summary>
/// The recent calls of one identity × point × plugin × extension: a ring of one-minute buckets, each with its call and
/// failure counts and a latency histogram. Recording is a handful of <see cref="Interlocked"/> increments on arrays
/// allocated once; only the first call of a new minute takes a lock, to empty the bucket it reuses.
/// </summary>
internal sealed class UsageCell
{
    private readonly Lock _rollover = new();

    // The minute (since the Unix epoch) each bucket holds; long.MinValue while never used.
    private readonly long[] _minutes = new long[ExtensionUsage.Buckets];
    private readonly long[] _calls = new long[ExtensionUsage.Buckets];
    private readonly long[] _failures = new long[ExtensionUsage.Buckets];

    // Bucket b's histogram is [b * LatencyBins.Count, (b + 1) * LatencyBins.Count): one array, not fifteen.
    private readonly int[] _latency = new int[ExtensionUsage.Buckets * LatencyBins.Count];

    public UsageCell(string identity, string point, string plugin, string extension)
    {
        Identity = identity;
        Point = point;
        Plugin = plugin;
        Extension = extension;
        Array.Fill(_minutes, long.MinValue);
    }

    public string Identity { get; }

    public string Point { get; }

    public string Plugin { get; }

    public string Extension { get; }

    public void Record(long minute, long micros, bool failed)
    {
        var bucket = (int)(minute % ExtensionUsage.Buckets);
        if (Volatile.Read(ref _minutes[bucket]) != minute)
        {
            Roll(bucket, minute);
        }

        Interlocked.Increment(ref _calls[bucket]);
        if (failed)
        {
            Interlocked.Increment(ref _failures[bucket]);
        }

        Interlocked.Increment(ref _latency[(bucket * LatencyBins.Count) + LatencyBins.Of(micros)]);
    }

    /// <summary>The figures of the buckets of the window ending with <paramref name="minute"/> (a racing call may or may not be in).</summary>
    public UsageFigures Read(long minute)
    {
        long calls = 0, failures = 0;
        var histogram = new long[LatencyBins.Count];
        for (var bucket = 0; bucket < ExtensionUsage.Buckets; bucket++)
        {
            var held = Volatile.Read(ref _minutes[bucket]);
            if (held > minute - ExtensionUsage.Buckets && held <= minute)
            {
                calls += Volatile.Read(ref _calls[bucket]);
                failures += Volatile.Read(ref _failures[bucket]);
                var offset = bucket * LatencyBins.Count;
                for (var bin = 0; bin < LatencyBins.Count; bin++)
                {
                    histogram[bin] += Volatile.Read(ref _latency[offset + bin]);
                }
            }
        }

        return new UsageFigures(Identity, Point, Plugin, Extension, calls, failures, P95(histogram));
    }

    // The upper bound of the bin holding the 95th percentile call (nearest rank), in milliseconds; null without calls.
    private static double? P95(long[] histogram)
    {
        long total = 0;
        foreach (var count in histogram)
        {
            total += count;
        }

        if (total == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(total * 0.95);
        long seen = 0;
        for (var bin = 0; bin < histogram.Length; bin++)
        {
            seen += histogram[bin];
            if (seen >= rank)
            {
                return LatencyBins.UpperBound(bin) / 1000.0;
            }
        }

        return LatencyBins.UpperBound(histogram.Length - 1) / 1000.0;
    }

    private void Roll(int bucket, long minute)
    {
        lock (_rollover)
        {
            var held = _minutes[bucket];
            if (held >= minute)
            {
                // Another thread rolled it first (or the clock went back: count the call in the newer minute).
                return;
            }

            _calls[bucket] = 0;
            _failures[bucket] = 0;
            Array.Clear(_latency, bucket * LatencyBins.Count, LatencyBins.Count);
            // Published last: a recorder that sees the new minute sees the emptied bucket.
            Volatile.Write(ref _minutes[bucket], minute);
        }
    }
}
