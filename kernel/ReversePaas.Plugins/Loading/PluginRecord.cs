using ReversePaas.Kernel.Extensions;

namespace ReversePaas.Plugins.Loading;

/// <summary>
/// One plugin folder and what became of it. Holds only text and the extension instances, never the
/// plugin's Assembly or Type objects, so nothing here pins an unloaded context.
/// </summary>
public sealed class PluginRecord
{
    private IReadOnlyList<object> _extensions;

    internal PluginRecord(string id, string? version, string path, PluginState state, string? error, PluginManifest? manifest, IReadOnlyList<object> extensions, DateTimeOffset loadedAt)
    {
        Id = id;
        Version = version;
        Path = path;
        State = state;
        Error = error;
        Manifest = manifest;
        _extensions = extensions;
        LoadedAt = loadedAt;
        Origin = new ExtensionOrigin(id, version ?? "0.0.0");
    }

    /// <summary>Plugin id (the folder name when the manifest could not be read).</summary>
    public string Id { get; }

    /// <summary>Version from the manifest, if it could be read.</summary>
    public string? Version { get; }

    /// <summary>Full path of the plugin folder.</summary>
    public string Path { get; }

    /// <summary>Loaded, Failed or Unloaded.</summary>
    public PluginState State { get; private set; }

    /// <summary>Why it failed; null otherwise.</summary>
    public string? Error { get; }

    /// <summary>The manifest, if it could be read.</summary>
    public PluginManifest? Manifest { get; }

    /// <summary>The extension instances created from it (empty unless Loaded).</summary>
    public IReadOnlyList<object> Extensions => _extensions;

    /// <summary>The origin its extensions are registered with.</summary>
    public ExtensionOrigin Origin { get; }

    /// <summary>When it was loaded (or failed).</summary>
    public DateTimeOffset LoadedAt { get; }

    internal static PluginRecord Failure(string id, string? version, string path, PluginManifest? manifest, string error, DateTimeOffset at)
        => new(id, version, path, PluginState.Failed, error, manifest, [], at);

    internal void MarkUnloaded()
    {
        if (State == PluginState.Loaded)
        {
            State = PluginState.Unloaded;
        }

        _extensions = [];
    }
}
