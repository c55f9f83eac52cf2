using System.Globalization;

namespace ReversePaas.LoadGenerator;

/// <summary>
/// The whole machine's CPU time by kind, from the first line of /proc/stat (in USER_HZ ticks): what the host's CPU per
/// request cannot show. A run whose cores were busy with other work, or stolen by the hypervisor (steal), is not
/// comparable with one on an idle machine, so the generator prints this beside its figures.
/// </summary>
internal readonly record struct MachineCpu(long Busy, long Idle, long IoWait, long Steal)
{
    public long Total => Busy + Idle + IoWait + Steal;

    public static MachineCpu Sample()
    {
        // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest time is already in user).
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return new MachineCpu(fields[0] + fields[1] + fields[2] + fields[5] + fields[6], fields[3], fields[4], fields[7]);
    }

    public static MachineCpu operator -(MachineCpu end, MachineCpu start)
        => new(end.Busy - start.Busy, end.Idle - start.Idle, end.IoWait - start.IoWait, end.Steal - start.Steal);

    public string Describe()
    {
        var total = Math.Max(1, Total);
        return string.Create(CultureInfo.InvariantCulture,
            $"busy {100.0 * Busy / total:0.0} %  idle {100.0 * Idle / total:0.0} %  iowait {100.0 * IoWait / total:0.0} %  steal {100.0 * Steal / total:0.0} %");
    }
}
