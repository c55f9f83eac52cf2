using System.Diagnostics;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Extensions.Budget;

namespace ReversePaas.Kernel.Telemetry;

/// <summary>
/// What <see cref="ExtensionCall"/> reports of each call: one count and one duration with the labels point, identity,
/// plugin, extension and outcome, and a span when traces are recorded. Nothing here allocates on the way of a
/// successful call but the span itself: the labels are a <see cref="TagList"/> on the stack and the label values are
/// strings the registry already holds.
/// </summary>
internal static class ExtensionTelemetry
{
    public const string Ok = "ok";
    public const string Failed = "failed";
    public const string TimedOut = "timeout";
    public const string Unavailable = "unavailable";

    /// <summary>False while neither a meter listener nor a tracer listens: then calls skip telemetry entirely.</summary>
    public static bool Observed => KernelMetrics.ExtensionInvocations.Enabled || KernelTracing.Extensions.HasListeners();

    public static Activity? Start(ExtensionResolution resolution, ExtensionDescriptor extension)
    {
        var activity = KernelTracing.Extensions.StartActivity("reversepaas.extension", ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.DisplayName = "extension " + resolution.Point.Code;
            activity.SetTag("reversepaas.point", resolution.Point.Code);
            activity.SetTag("reversepaas.identity", resolution.Identity.Value);
            activity.SetTag("reversepaas.plugin", extension.Origin.PluginId);
            activity.SetTag("reversepaas.extension", extension.Id);
        }

        return activity;
    }

    /// <summary>
    /// Records a call that ended (<paramref name="thrown"/> null: it succeeded). Returns false, so that it can run as an
    /// exception filter: the exception goes on untouched, with its stack, and no catch block runs.
    /// </summary>
    public static bool Finish(Activity? activity, long started, ExtensionResolution resolution, ExtensionDescriptor extension, Exception? thrown)
    {
        var outcome = thrown switch
        {
            null => Ok,
            ExtensionTimeoutException => TimedOut,
            ExtensionUnavailableException => Unavailable,
            _ => Failed,
        };
        if (KernelMetrics.ExtensionInvocations.Enabled)
        {
            var tags = new TagList
            {
                { "point", resolution.Point.Code },
                { "identity", resolution.Identity.Value },
                { "plugin", extension.Origin.PluginId },
                { "extension", extension.Id },
                { "outcome", outcome },
            };
            KernelMetrics.ExtensionInvocations.Add(1, in tags);
            KernelMetrics.ExtensionDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, in tags);
        }

        if (activity is not null)
        {
            if (thrown is not null)
            {
                activity.SetTag("reversepaas.outcome", outcome);
                activity.SetStatus(ActivityStatusCode.Error, thrown.Message);
            }

            activity.Dispose();
        }

        return false;
    }
}
