using System.Reflection;
using System.Runtime.Loader;
using ReversePaas.Sdk;

namespace ReversePaas.Plugins.Loading;

/// <summary>
/// One plugin's collectible load context. ReversePaas.Sdk always comes from the host, so the plugin's
/// <c>IReviewRouter</c> is the kernel's <c>IReviewRouter</c> and casts work. Every other assembly listed in the
/// plugin's <c>.deps.json</c> loads from the plugin folder first, in the plugin's own version, even when the host
/// has another one (a private Newtonsoft.Json 12 beside the host's 13). What the plugin does not ship — the
/// framework, shared assemblies the host already has — falls back to the default context.
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    private static readonly Assembly SdkAssembly = typeof(ExtensionAttribute).Assembly;

    /// <summary>The simple name of the host's Sdk assembly (<c>ReversePaas.Sdk</c>).</summary>
    public static readonly string SdkAssemblyName = SdkAssembly.GetName().Name!;

    private readonly AssemblyDependencyResolver _resolver;

    public PluginLoadContext(string pluginId, string entryAssemblyPath)
        : base($"plugin:{pluginId}", isCollectible: true)
    {
        _resolver = new AssemblyDependencyResolver(entryAssemblyPath);
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // Assembly names compare case-insensitively in .NET. Even a plugin that wrongly ships its own Sdk copy
        // gets the host's: two Sdk copies would make every extension invisible to the kernel.
        if (string.Equals(assemblyName.Name, SdkAssemblyName, StringComparison.OrdinalIgnoreCase))
        {
            return SdkAssembly;
        }

        // Null lets the runtime fall back to the default context (framework and host assemblies).
        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
