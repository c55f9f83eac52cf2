namespace ReversePaas.CapabilityCatalog;

/// <summary>One uploaded version of a plugin package and its state (<c>Staged</c>, <c>Active</c>, <c>Retired</c>).</summary>
public sealed record CatalogPackage(string Id, string Version, string Sha256, string State, DateTimeOffset UploadedAt, DateTimeOffset? ActivatedAt);
