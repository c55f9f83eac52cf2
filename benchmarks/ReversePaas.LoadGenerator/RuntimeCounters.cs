using System.Globalization;

namespace ReversePaas.LoadGenerator;

/// <summary>
/// The host's own runtime counters, read from its <c>/metrics</c> (when metrics are on): methods the JIT compiled and
/// garbage collections. JIT work inside the measured seconds means the host was still warming up (tiered compilation
/// promotes hot methods in the background, later when the cores are busy), so two runs are comparable only when
/// both show (nearly) none.
/// Bytes allocated are the one cost figure that other work on the machine does not distort: per request, they say
/// whether a change made the host allocate less, on any machine, loaded or quiet.
/// </summary>
internal sealed record RuntimeCounters(double JitMethods, double JitSeconds, double GcCollections, double GcPauseSeconds, double AllocatedBytes)
{
    public static async Task<RuntimeCounters?> ReadAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
            if (!response.IsSuccessStatusCode)
            {
                return null; // metrics off: nothing to say
            }

            var text = await response.Content.ReadAsStringAsync();
            return new RuntimeCounters(
                Sum(text, "dotnet_jit_compiled_methods"), Sum(text, "dotnet_jit_compilation_time"),
                Sum(text, "dotnet_gc_collections"), Sum(text, "dotnet_gc_pause_time"), Sum(text, "dotnet_gc_heap_total_allocated_bytes"));
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    public static RuntimeCounters operator -(RuntimeCounters end, RuntimeCounters start)
        => new(end.JitMethods - start.JitMethods, end.JitSeconds - start.JitSeconds, end.GcCollections - start.GcCollections, end.GcPauseSeconds - start.GcPauseSeconds,
            end.AllocatedBytes - start.AllocatedBytes);

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"JIT {JitMethods:0} methods in {JitSeconds * 1000:0} ms  GC {GcCollections:0} collections, {GcPauseSeconds * 1000:0} ms paused");

    // Every sample of the family (all label sets: GC generations), the name followed by '{', '_total' or a space.
    private static double Sum(string exposition, string family)
    {
        var total = 0.0;
        foreach (var line in exposition.Split('\n'))
        {
            if (!line.StartsWith(family, StringComparison.Ordinal) || line.Length <= family.Length || line[family.Length] is not ('{' or '_' or ' '))
            {
                continue;
            }

            var name = line.Split('{', ' ')[0];
            if (name.EndsWith("_bucket", StringComparison.Ordinal) || name.EndsWith("_count", StringComparison.Ordinal) || name.EndsWith("_created", StringComparison.Ordinal))
            {
                continue;
            }

            var value = line[(line.LastIndexOf(' ') + 1)..];
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                total += number;
            }
        }

        return total;
    }
}
