using System.Collections.Concurrent;
using ReversePaas.Kernel.Extensions;

namespace ReversePaas.Kernel.Telemetry.Usage;

/// <summary>
/// This host's recent extension calls per identity × point × plugin × extension, for the catalog: the same calls the
/// <c>reversepaas.extension.*</c> instruments count, over a sliding window of <see cref="Buckets"/> one-minute buckets.
/// One per host and in memory (the static meter would mix the hosts of one process; the catalog shows this host's).
/// Every resolution of a snapshot gets its cells when the snapshot is published (<see cref="Attach"/>), so a call finds
/// its cell without a look-up; cells outlive reloads, keyed by plugin id rather than version.
/// </summary>
public sealed class ExtensionUsage
{
    /// <summary>One-minute buckets in the window.</summary>
    public const int Buckets = 15;

    private readonly ConcurrentDictionary<(string Identity, string Point, string Plugin, string Extension), UsageCell> _cells = new();
    private readonly TimeProvider _time;
    private UsageCell[] _attached = [];

    public ExtensionUsage(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <summary>How far back the figures reach: the current minute and the 14 before it.</summary>
    public static TimeSpan Window { get; } = TimeSpan.FromMinutes(Buckets);

    /// <summary>Gives every resolution of <paramref name="snapshot"/> its cells (one per serving extension, in order).</summary>
    public void Attach(ExtensionSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var attached = new List<UsageCell>();
        foreach (var profile in snapshot.Identities)
        {
            foreach (var resolution in profile.Resolutions)
            {
                if (resolution.IsConflict || resolution.Extensions.Count == 0)
                {
                    continue;
                }

                var cells = new UsageCell[resolution.Extensions.Count];
                for (var i = 0; i < cells.Length; i++)
                {
                    var extension = resolution.Extensions[i];
                    var key = (resolution.Identity.Value, resolution.Point.Code, extension.Origin.PluginId, extension.Id);
                    cells[i] = _cells.GetOrAdd(key, static k => new UsageCell(k.Identity, k.Point, k.Plugin, k.Extension));
                }

                resolution.Usage = new ResolutionUsage(this, cells);
                attached.AddRange(cells);
            }
        }

        Volatile.Write(ref _attached, [.. attached.Distinct()]);
    }

    /// <summary>
    /// The figures of every cell the snapshot published last resolves (zero when unused), and of older cells that still
    /// have calls in the window (an extension a reload removed), ordered by identity, point, plugin and extension.
    /// </summary>
    public IReadOnlyList<UsageFigures> Read()
    {
        var minute = CurrentMinute();
        var attached = Volatile.Read(ref _attached).ToHashSet();
        return [.. _cells.Values
            .Select(cell => (Cell: cell, Figures: cell.Read(minute)))
            .Where(x => attached.Contains(x.Cell) || x.Figures.Calls > 0)
            .Select(x => x.Figures)
            .OrderBy(f => f.Identity, StringComparer.Ordinal)
            .ThenBy(f => f.Point, StringComparer.Ordinal)
            .ThenBy(f => f.Plugin, StringComparer.Ordinal)
            .ThenBy(f => f.Extension, StringComparer.Ordinal)];
    }

    internal long CurrentMinute() => _time.GetUtcNow().UtcTicks / TimeSpan.TicksPerMinute;
}
