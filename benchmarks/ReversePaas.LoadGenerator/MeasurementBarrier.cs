using System.Globalization;

namespace ReversePaas.LoadGenerator;

/// <summary>
/// Lines up generators that run side by side (benchmarks/run-telemetry-ab.sh): each writes a file named after its label
/// into a shared folder and starts measuring only once the agreed number of files is there. Two hosts measured in the
/// same seconds share whatever else the machine does (other builds, CPU steal), so their ratio is far steadier than that
/// of runs taken one after the other.
/// </summary>
internal static class MeasurementBarrier
{
    /// <param name="spec"><c>DIR:N</c>: the shared folder and how many generators take part.</param>
    /// <param name="label">This generator's label (the file it writes is named after it).</param>
    /// <param name="limit">How long to wait for the others before giving up.</param>
    /// <param name="phase">The point reached ("warm", "drained"): each phase has a folder of its own.</param>
    /// <param name="whileWaiting">Run again and again until the others arrive (a round of warm-up load), so that a host
    /// whose generator arrived first does not cool down (or stay colder) while the other still warms up.</param>
    public static async Task ArriveAndWaitAsync(string spec, string phase, string label, TimeSpan limit, Func<Task>? whileWaiting = null)
    {
        var colon = spec.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(spec[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var parties) || parties < 1)
        {
            throw new ArgumentException($"--barrier is DIR:N (a folder and the number of generators), not '{spec}'.");
        }

        var folder = Path.Combine(spec[..colon], phase);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, $"{label}-{Environment.ProcessId}.ready"), "");
        var deadline = DateTime.UtcNow + limit;
        while (Directory.GetFiles(folder, "*.ready").Length < parties)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Only {Directory.GetFiles(folder, "*.ready").Length} of {parties} generators reached the barrier in {folder} within {limit}.");
            }

            if (whileWaiting is not null)
            {
                await whileWaiting();
            }
            else
            {
                await Task.Delay(50); // polling a folder for the other generator, bounded above
            }
        }
    }
}
