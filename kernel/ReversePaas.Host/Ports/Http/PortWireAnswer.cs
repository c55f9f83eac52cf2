namespace ReversePaas.Host.Ports.Http;

/// <summary>What every external system answers on success (200): its reference for what it did.</summary>
internal sealed record PortWireAnswer(string Reference);
