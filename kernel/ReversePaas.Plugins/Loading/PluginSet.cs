using System.Runtime.Loader;

namespace ReversePaas.Plugins.Loading;

/// <summary>One load of a whole plugins directory: its records and their load contexts.</summary>
public sealed class PluginSet
{
    private readonly List<AssemblyLoadContext> _contexts;
    private int _unloaded;

    internal PluginSet(IReadOnlyList<PluginRecord> plugins, List<AssemblyLoadContext> contexts)
    {
        Plugins = plugins;
        _contexts = contexts;
        ContextReferences = [.. contexts.Select(c => new WeakReference(c, trackResurrection: false))];
    }

    /// <summary>No plugins.</summary>
    public static PluginSet Empty => new([], []);

    /// <summary>Every plugin folder with its state, in load order.</summary>
    public IReadOnlyList<PluginRecord> Plugins { get; }

    /// <summary>Weak references to the load contexts, so tests can prove they are collected after <see cref="Unload"/>.</summary>
    public IReadOnlyList<WeakReference> ContextReferences { get; }

    /// <summary>
    /// Marks the plugins unloaded, drops their instances and starts unloading their contexts. The runtime
    /// frees a context once nothing references its code any more (in-flight calls finish first).
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
            context.Unload();
        }

        _contexts.Clear();
    }
}
