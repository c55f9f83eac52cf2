using System.Diagnostics;
using ReversePaas.Kernel.Extensions;

namespace ReversePaas.Kernel.Telemetry.Usage;

/// <summary>The usage cells of one resolution, parallel to its <see cref="ExtensionResolution.Extensions"/>.</summary>
internal sealed class ResolutionUsage(ExtensionUsage owner, UsageCell[] cells)
{
    // In floating point: a long product would overflow for calls of hours at Stopwatch's nanosecond ticks.
    private static readonly double MicrosPerTimestamp = 1_000_000.0 / Stopwatch.Frequency;

    public void Record(ExtensionResolution resolution, ExtensionDescriptor extension, long elapsedTimestamp, bool failed)
    {
        // A chain has a few extensions, a single point one: a scan by reference beats any look-up.
        var extensions = resolution.Extensions;
        for (var i = 0; i < cells.Length; i++)
        {
            if (ReferenceEquals(extensions[i], extension))
            {
                cells[i].Record(owner.CurrentMinute(), (long)(elapsedTimestamp * MicrosPerTimestamp), failed);
                return;
            }
        }
    }
}
