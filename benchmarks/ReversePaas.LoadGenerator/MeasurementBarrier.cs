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
    public static async Task ArriveAndWaitAsync(string spec, string label, TimeSpan limit)
    {
        var colon = spec.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(spec[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var parties) || parties < 1)
        {
            throw new ArgumentException($"--barrier is DIR:N (a folder and the number of generators), not '{spec}'.");
        }

        var folder = spec[..colon];
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, $"{label}-{Environment.ProcessId}.ready"), "");
        var deadline = DateTime.UtcNow + limit;
        while (Directory.GetFiles(folder, "*.ready").Length < parties)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Only {Directory.GetFiles(folder, "*.ready").Length} of {parties} generators reached the barrier in {folder} within {limit}.");
            }

            await Task.Delay(50); // polling a folder for the other generator, bounded above
        }
    }
}
