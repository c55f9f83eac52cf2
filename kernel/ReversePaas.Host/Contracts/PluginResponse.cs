using ReversePaas.Plugins.Loading;

namespace ReversePaas.Host.Contracts;

/// <summary>A plugin as <c>GET /api/v1/plugins</c> shows it.</summary>
internal sealed record PluginResponse(
    string Id,
    string? Version,
    string? DisplayName,
    string? Description,
    string? Owner,
    string? SdkVersion,
    string Path,
    PluginState State,
    string? Error,
    DateTimeOffset LoadedAt,
    IReadOnlyList<string> Identities,
    IReadOnlyList<string> Extensions);
