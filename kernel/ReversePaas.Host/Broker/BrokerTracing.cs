using System.Diagnostics;
using ReversePaas.Kernel.Telemetry;

namespace ReversePaas.Host.Broker;

/// <summary>Spans of the broker's publish and consume, under the kernel's source prefix (so telemetry picks them up).</summary>
internal static class BrokerTracing
{
    public static ActivitySource Source { get; } = new(KernelTracing.SourcePrefix + "Broker");
}
