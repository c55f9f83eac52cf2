namespace ReversePaas.CapabilityCatalog;

/// <summary>
/// Everything registered and what serves each identity, as of one snapshot: the API's <c>GET /api/v1/catalog</c>
/// body and the CLI's <c>catalog.json</c> (which <c>catalog diff</c> compares). <see cref="Packages"/>: the uploaded plugin
/// packages and their states, from the host's database (null from the CLI, which has none).
/// </summary>
public sealed record CatalogDocument(
    string SdkVersion,
    long Generation,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<CatalogPoint> Points,
    IReadOnlyList<CatalogExtension> Extensions,
    IReadOnlyList<CatalogIdentity> Identities,
    IReadOnlyList<CatalogPlugin> Plugins,
    IReadOnlyList<CatalogProblem> Problems,
    IReadOnlyList<CatalogPackage>? Packages = null)
{
    /// <summary>The identity entry, or null.</summary>
    public CatalogIdentity? FindIdentity(string identity) => Identities.FirstOrDefault(i => string.Equals(i.Identity, identity, StringComparison.Ordinal));
}
