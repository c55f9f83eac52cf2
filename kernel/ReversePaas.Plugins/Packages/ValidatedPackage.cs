namespace ReversePaas.Plugins.Packages;

/// <summary>A package that passed every upload check.</summary>
/// <param name="Id">The plugin id (plugin.json).</param>
/// <param name="Version">The plugin version (plugin.json).</param>
/// <param name="Sha256">The package's SHA-256, lower-case hex.</param>
/// <param name="SdkVersion">The Sdk version it was built against (plugin.json).</param>
public sealed record ValidatedPackage(string Id, string Version, string Sha256, string SdkVersion);
