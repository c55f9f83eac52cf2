using ReversePaas.Plugins.Loading;

namespace ReversePaas.Plugins;

/// <summary>Where the plugin runtime reads plugins and identity mappings from.</summary>
public sealed class PluginRuntimeOptions
{
    /// <summary>Folder with one subfolder per plugin.</summary>
    public required string PluginsDirectory { get; init; }

    /// <summary>Folder with <c>identities.json</c>, <c>bindings/</c> and their schemas.</summary>
    public required string MappingsDirectory { get; init; }

    /// <summary>Loader settings (allow-list).</summary>
    public PluginLoaderOptions Loader { get; init; } = new();
}
