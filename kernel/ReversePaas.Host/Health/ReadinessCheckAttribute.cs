namespace ReversePaas.Host.Health;

/// <summary>
/// Marks a health check of <c>/readyz</c>: its name in the report and its place in the list. Every
/// <see cref="Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck"/> of the host carrying it is registered by
/// scanning (<see cref="ReadinessChecks"/>), so a new check is one class.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
internal sealed class ReadinessCheckAttribute(string name, int order) : Attribute
{
    /// <summary>The check's name in the <c>/readyz</c> report (API.md).</summary>
    public string Name { get; } = name;

    /// <summary>Place in the report, ascending.</summary>
    public int Order { get; } = order;
}
