using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ReversePaas.Kernel.Telemetry;

/// <summary>
/// The kernel's own instruments (System.Diagnostics.Metrics, so the kernel stays free of OpenTelemetry). The names are
/// OpenTelemetry's dotted form; the Prometheus exporter writes them as API.md names them (dots become underscores,
/// counters get <c>_total</c>, the histogram's unit <c>s</c> becomes <c>_seconds</c>). Labels are aggregates only:
/// point, identity, plugin, extension, type, outcome; never an order, after-sale or person.
/// </summary>
public static class KernelMetrics
{
    /// <summary>The meter's name, for <c>AddMeter</c>.</summary>
    public const string MeterName = "ReversePaas";

    /// <summary>The meter. Static: a process runs one kernel, and instruments are cheapest when resolved once.</summary>
    public static Meter Meter { get; } = new(MeterName, typeof(KernelMetrics).Assembly.GetName().Version?.ToString(3));

    /// <summary><c>reversepaas_extension_invocations_total{point,identity,plugin,extension,outcome}</c>.</summary>
    public static Counter<long> ExtensionInvocations { get; } = Meter.CreateCounter<long>(
        "reversepaas.extension.invocations", description: "Extension calls by point, identity, plugin, extension and outcome (ok, failed, timeout, unavailable).");

    /// <summary><c>reversepaas_extension_duration_seconds</c>, with the invocations' labels.</summary>
    public static Histogram<double> ExtensionDuration { get; } = Meter.CreateHistogram<double>(
        "reversepaas.extension.duration", unit: "s", description: "How long extension calls took.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5] });

    /// <summary><c>reversepaas_after_sales_opened_total{type,identity}</c>: counted when the new after-sale is saved.</summary>
    public static Counter<long> AfterSalesOpened { get; } = Meter.CreateCounter<long>(
        "reversepaas.after_sales.opened", description: "After-sales opened, by type and business identity.");

    /// <summary><c>reversepaas_refunds_completed_total{identity}</c>: counted when the refund record is saved.</summary>
    public static Counter<long> RefundsCompleted { get; } = Meter.CreateCounter<long>(
        "reversepaas.refunds.completed", description: "Refunds paid out and recorded, by business identity.");

    /// <summary>Counts an after-sale that was saved for the first time.</summary>
    public static void AfterSaleOpened(string type, string identity)
    {
        if (AfterSalesOpened.Enabled)
        {
            AfterSalesOpened.Add(1, new TagList { { "type", type }, { "identity", identity } });
        }
    }

    /// <summary>Counts a refund that was recorded.</summary>
    public static void RefundCompleted(string identity)
    {
        if (RefundsCompleted.Enabled)
        {
            RefundsCompleted.Add(1, new KeyValuePair<string, object?>("identity", identity));
        }
    }
}
