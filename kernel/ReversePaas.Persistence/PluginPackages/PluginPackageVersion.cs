namespace ReversePaas.Persistence.PluginPackages;

/// <summary>One stored version of a plugin, without its bytes (<c>GET /api/v1/plugins/{id}/versions</c>).</summary>
/// <param name="Version">The version.</param>
/// <param name="Sha256">The package's SHA-256.</param>
/// <param name="State">Staged, Active or Retired.</param>
/// <param name="UploadedAt">When it was uploaded.</param>
/// <param name="ActivatedAt">When it was last activated.</param>
public sealed record PluginPackageVersion(string Version, string Sha256, string State, DateTimeOffset UploadedAt, DateTimeOffset? ActivatedAt);
