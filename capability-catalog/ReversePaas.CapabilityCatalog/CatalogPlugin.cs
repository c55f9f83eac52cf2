using ReversePaas.Plugins.Loading;

namespace ReversePaas.CapabilityCatalog;

/// <summary>A plugin and how its load went.</summary>
public sealed record CatalogPlugin(string Id, string? Version, string? DisplayName, string? Owner, PluginState State, string? Error, string Path, IReadOnlyList<string> Extensions);
