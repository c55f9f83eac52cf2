using System.Diagnostics;

namespace ReversePaas.Kernel.Telemetry;

/// <summary>
/// The kernel's activity sources. One per kind of work, so a collector (or a sampler) can keep the activities and
/// drop the per-extension spans. <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null while
/// nothing listens: without a tracer provider they cost a check.
/// </summary>
public static class KernelTracing
{
    /// <summary>The prefix of every source's name (<c>AddSource("ReversePaas.*")</c>).</summary>
    public const string SourcePrefix = "ReversePaas.";

    /// <summary>Apply, review, interception and execution steps.</summary>
    public static ActivitySource Activities { get; } = new(SourcePrefix + "Activities");

    /// <summary>Extension calls (tags: point, identity, plugin, extension).</summary>
    public static ActivitySource Extensions { get; } = new(SourcePrefix + "Extensions");

    /// <summary>Calls to the external systems' ports (payment, WMS, logistics, inventory, settlement).</summary>
    public static ActivitySource Ports { get; } = new(SourcePrefix + "Ports");

    /// <summary>Outbox deliveries, parented by the activity that wrote the message.</summary>
    public static ActivitySource Outbox { get; } = new(SourcePrefix + "Outbox");
}
