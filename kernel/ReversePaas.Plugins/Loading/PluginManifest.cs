namespace ReversePaas.Plugins.Loading;

/// <summary>A plugin's <c>plugin.json</c>, validated against the embedded <c>plugin.schema.json</c>.</summary>
public sealed class PluginManifest
{
    /// <summary>Stable plugin id.</summary>
    public required string Id { get; init; }

    /// <summary>SemVer version.</summary>
    public required string Version { get; init; }

    /// <summary>Name for people.</summary>
    public required string DisplayName { get; init; }

    /// <summary>What the plugin changes.</summary>
    public string Description { get; init; } = "";

    /// <summary>The team that answers for it.</summary>
    public string Owner { get; init; } = "";

    /// <summary>File name of the DLL holding the extensions.</summary>
    public required string EntryAssembly { get; init; }

    /// <summary>The Sdk version it was built against.</summary>
    public required string SdkVersion { get; init; }

    /// <summary>Identities it serves (informative).</summary>
    public IReadOnlyList<string> Identities { get; init; } = [];

    /// <summary>Plugins that must be loaded first.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];
}
