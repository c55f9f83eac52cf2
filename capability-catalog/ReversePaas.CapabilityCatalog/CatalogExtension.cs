namespace ReversePaas.CapabilityCatalog;

/// <summary>An extension (kernel defaults included, plugin <c>kernel</c>).</summary>
public sealed record CatalogExtension(
    string Id, string Plugin, string Version, IReadOnlyList<string> Points, IReadOnlyList<string> Identities, int Priority, string Description, string Assembly, string Type);
