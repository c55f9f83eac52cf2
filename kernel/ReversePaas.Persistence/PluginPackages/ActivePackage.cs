namespace ReversePaas.Persistence.PluginPackages;

/// <summary>An active package as the hosts sync it: enough to know whether the one unpacked here is the same.</summary>
/// <param name="PluginId">The plugin id.</param>
/// <param name="Version">The active version.</param>
/// <param name="Sha256">The package's SHA-256.</param>
public sealed record ActivePackage(string PluginId, string Version, string Sha256);
