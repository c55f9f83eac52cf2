using System.Collections.Concurrent;

namespace ReversePaas.LoadGenerator;

/// <summary>Latencies and status codes of one measured operation, safe for many clients at once.</summary>
internal sealed class LatencyRecorder(string operation)
{
    private readonly ConcurrentBag<double> _milliseconds = [];
    private readonly ConcurrentDictionary<int, int> _statuses = new();

    public string Operation { get; } = operation;

    public int Count => _milliseconds.Count;

    public void Record(int status, TimeSpan elapsed)
    {
        _milliseconds.Add(elapsed.TotalMilliseconds);
        _statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
    }

    public IReadOnlyDictionary<int, int> Statuses => _statuses;

    /// <summary>The value below which <paramref name="percent"/> % of the latencies fall (nearest rank).</summary>
    public double Percentile(double percent)
    {
        var sorted = _milliseconds.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
