using System.ComponentModel.DataAnnotations;

namespace ReversePaas.Host.Contracts;

/// <summary>An uploaded package as stored (<c>POST /api/v1/plugins/packages</c>).</summary>
public sealed record PluginPackageResponse(string Id, string Version, string Sha256, string State);

/// <summary>One stored version of a plugin (<c>GET /api/v1/plugins/{id}/versions</c>).</summary>
public sealed record PluginVersionResponse(string Version, string Sha256, string State, DateTimeOffset UploadedAt, DateTimeOffset? ActivatedAt);

/// <summary><c>POST /api/v1/plugins/{id}/activate</c>: the stored version to serve.</summary>
public sealed record ActivateRequest([property: Required] string? Version = null);
