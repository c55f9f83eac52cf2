using System.Diagnostics;
using System.Globalization;

namespace ReversePaas.LoadGenerator;

/// <summary>
/// CPU time spent by the host process, by every PostgreSQL process and by this generator, read from /proc. Throughput
/// on a shared 2-core machine depends on who else runs; CPU milliseconds per request do not, so they are what the
/// profile compares (and 2 cores × 1000 ms ÷ that cost is the machine's ceiling for this flow).
/// </summary>
internal sealed class CpuMeter(int? hostPid)
{
    // USER_HZ: the unit of utime/stime in /proc/<pid>/stat; 100 on every Linux this runs on.
    private const double TicksPerMillisecond = 100 / 1000.0;

    public CpuSample Sample() => new(
        hostPid is { } pid ? ProcessMilliseconds(pid) : 0,
        PostgresMilliseconds(),
        Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds);

    private static double ProcessMilliseconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name (which may hold spaces, so split after its closing parenthesis): utime is the
        // 14th field of the line, stime the 15th.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerMillisecond;
    }

    private static double PostgresMilliseconds()
    {
        var total = 0.0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText($"{dir}/comm").Trim() == "postgres")
                {
                    total += ProcessMilliseconds(pid);
                }
            }
            catch (IOException)
            {
                // The process ended between listing and reading: its time is lost to both samples alike.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return total;
    }
}
