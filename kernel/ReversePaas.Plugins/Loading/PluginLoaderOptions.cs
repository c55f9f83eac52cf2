namespace ReversePaas.Plugins.Loading;

/// <summary>How plugins are admitted.</summary>
public sealed class PluginLoaderOptions
{
    /// <summary>
    /// When not empty, only these plugins load, and only if their entry DLL has the listed hash: plugins are
    /// trusted in-process code, so this keeps unknown or tampered DLLs out. Empty: every folder loads.
    /// </summary>
    public IReadOnlyList<PluginAllowListEntry> AllowList { get; init; } = [];
}
