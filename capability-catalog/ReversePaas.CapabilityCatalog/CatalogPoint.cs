using ReversePaas.Sdk;

namespace ReversePaas.CapabilityCatalog;

/// <summary>An extension point.</summary>
public sealed record CatalogPoint(string Code, Activity Activity, CombineMode Combine, string Contract, string Description, string? KernelDefault);
