using System.Reflection;
using System.Runtime.Loader;
using ReversePaas.Sdk;

namespace ReversePaas.Plugins.Loading;

/// <summary>
/// One plugin's collectible load context. The Sdk always comes from the host so extension types unify
/// with the kernel's interfaces; every other assembly the plugin ships (its private dependencies, in
/// whatever version) loads from its folder; the framework and anything the plugin does not ship fall
/// back to the default context.
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    private static readonly Assembly SdkAssembly = typeof(ExtensionAttribute).Assembly;
    private static readonly string SdkName = SdkAssembly.GetName().Name!;

    private readonly AssemblyDependencyResolver _resolver;

    public PluginLoadContext(string pluginId, string entryAssemblyPath)
        : base($"plugin:{pluginId}", isCollectible: true)
    {
        _resolver = new AssemblyDependencyResolver(entryAssemblyPath);
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (string.Equals(assemblyName.Name, SdkName, StringComparison.Ordinal))
        {
            return SdkAssembly;
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
