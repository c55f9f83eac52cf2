namespace ReversePaas.Plugins.Loading;

/// <summary>
/// One load of a whole plugins directory: a record per plugin folder and the load contexts of the plugins that
/// loaded. Unloading is all or nothing, because a reload replaces the whole set.
/// </summary>
public sealed class PluginSet
{
    // McMaster's loaders: disposing one unloads its collectible context.
    private readonly List<IDisposable> _contexts;
    private int _unloaded;

    internal PluginSet(IReadOnlyList<PluginRecord> plugins, List<IDisposable> loadedContexts, IReadOnlyList<WeakReference> contextReferences)
    {
        Plugins = plugins;
        _contexts = loadedContexts;
        ContextReferences = contextReferences;
    }

    /// <summary>A set with no plugins (no plugins directory).</summary>
    public static PluginSet Empty => new([], [], []);

    /// <summary>Every plugin folder with its state: failed manifests and duplicate ids first, then load order.</summary>
    public IReadOnlyList<PluginRecord> Plugins { get; }

    /// <summary>
    /// Weak references to every load context this load created — those of loaded plugins, and those of plugins
    /// that failed after their context was made (already unloaded) — so tests can prove they are all collected.
    /// </summary>
    public IReadOnlyList<WeakReference> ContextReferences { get; }

    /// <summary>
    /// Marks the plugins unloaded (they serve no new work) without unloading their contexts yet: work that still holds
    /// the snapshot they were in runs on, and <see cref="Unload"/> follows when it is done.
    /// </summary>
    internal void MarkReplaced()
    {
        foreach (var plugin in Plugins)
        {
            plugin.MarkUnloaded();
        }
    }

    /// <summary>
    /// Marks the loaded plugins <see cref="PluginState.Unloaded"/> (failed ones keep their state and reason),
    /// drops their extension instances and starts unloading their contexts. The runtime frees a context once
    /// nothing references its code any more, so work still holding an extension finishes first. Idempotent.
    /// </summary>
    public void Unload()
    {
        if (Interlocked.Exchange(ref _unloaded, 1) == 1)
        {
            return;
        }

        foreach (var plugin in Plugins)
        {
            plugin.MarkUnloaded();
        }

        foreach (var context in _contexts)
        {
            context.Dispose();
        }

        // The set may outlive the unload (listed as history): it must not keep the contexts reachable.
        _contexts.Clear();
    }
}
