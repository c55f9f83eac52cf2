namespace ReversePaas.Host.Tests.Telemetry;

/// <summary>
/// The kernel's meter and activity sources are per process: a host started by another test at the same time would
/// count into the same series and send spans to the same exporter. The telemetry tests therefore run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryTestGroup
{
    public const string Name = "Telemetry";
}
