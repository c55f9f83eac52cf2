using ReversePaas.Kernel.Extensions;
using ReversePaas.Sdk;

namespace ReversePaas.CapabilityCatalog;

/// <summary>What serves one point for one identity, and why.</summary>
public sealed record CatalogResolution(
    string Point, Activity Activity, CombineMode Combine, ResolutionSource Source, string DecidedAt, bool ViaBinding,
    IReadOnlyList<string> Extensions, IReadOnlyList<string> Plugins, string? Conflict);
