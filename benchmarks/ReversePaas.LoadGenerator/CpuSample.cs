namespace ReversePaas.LoadGenerator;

/// <summary>CPU milliseconds used so far by the host, by PostgreSQL (all its processes) and by the generator.</summary>
internal sealed record CpuSample(double Host, double Postgres, double Generator)
{
    public static CpuSample operator -(CpuSample a, CpuSample b) => new(a.Host - b.Host, a.Postgres - b.Postgres, a.Generator - b.Generator);
}
