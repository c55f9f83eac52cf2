namespace ReversePaas.CapabilityCatalog;

/// <summary>An identity: its place in the hierarchy, its settings and how every point resolves for it.</summary>
public sealed record CatalogIdentity(
    string Identity, string? Parent, bool ProducedByRule, IReadOnlyDictionary<string, string> Settings, IReadOnlyList<CatalogResolution> Resolutions);
