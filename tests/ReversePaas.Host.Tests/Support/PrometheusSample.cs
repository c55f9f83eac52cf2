namespace ReversePaas.Host.Tests.Support;

/// <summary>One sample line of a Prometheus scrape.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
