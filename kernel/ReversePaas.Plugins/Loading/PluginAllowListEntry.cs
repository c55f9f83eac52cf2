namespace ReversePaas.Plugins.Loading;

/// <summary>A plugin allowed to load: its id and the SHA-256 (hex) of its entry assembly.</summary>
/// <param name="Id">Plugin id.</param>
/// <param name="Sha256">Hex SHA-256 of the entry DLL, case-insensitive.</param>
public sealed record PluginAllowListEntry(string Id, string Sha256);
