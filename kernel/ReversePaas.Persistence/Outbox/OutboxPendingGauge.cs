using System.Diagnostics.Metrics;
using ReversePaas.Kernel.Telemetry;

namespace ReversePaas.Persistence.Outbox;

/// <summary>
/// <c>reversepaas_outbox_pending</c>: messages not yet delivered, counted when the gauge is read. The meter is the
/// kernel's, one per process, so one host's database answers: the one that registered last (a process runs one host;
/// tests that start several read the newest).
/// </summary>
public static class OutboxPendingGauge
{
    private static readonly Lock Gate = new();
    private static Func<long?>? _source;

    /// <summary>The gauge (created with the type, on the kernel's meter).</summary>
    public static ObservableGauge<long> Gauge { get; } = KernelMetrics.Meter.CreateObservableGauge(
        "reversepaas.outbox.pending", Read, description: "Outbox messages not yet delivered to every consumer.");

    /// <summary>Makes <paramref name="count"/> answer the gauge until the returned registration is disposed.</summary>
    public static IDisposable Observe(Func<long?> count)
    {
        _ = Gauge;
        lock (Gate)
        {
            _source = count;
        }

        return new Registration(count);
    }

    private static IEnumerable<Measurement<long>> Read()
    {
        Func<long?>? source;
        lock (Gate)
        {
            source = _source;
        }

        return source?.Invoke() is { } pending ? [new Measurement<long>(pending)] : [];
    }

    private sealed class Registration(Func<long?> count) : IDisposable
    {
        public void Dispose()
        {
            lock (Gate)
            {
                if (ReferenceEquals(_source, count))
                {
                    _source = null;
                }
            }
        }
    }
}
