namespace ReversePaas.Host.Ports;

/// <summary>Registered when at least one port is served by an embedded simulator: then the simulators' journal gets its tables.</summary>
internal sealed class SimulatorsInUse;
