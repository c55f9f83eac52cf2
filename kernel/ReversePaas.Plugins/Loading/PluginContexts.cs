using McMaster.NETCore.Plugins;
using ReversePaas.Sdk;

namespace ReversePaas.Plugins.Loading;

/// <summary>
/// Makes a plugin's collectible load context with McMaster.NETCore.Plugins: the plugin's <c>.deps.json</c> decides
/// where its private assemblies come from (its own versions first, runtime-specific and native assets for this
/// platform), while ReversePaas.Sdk is shared with the host so the plugin's <c>IReviewRouter</c> is the kernel's and
/// casts work. Even a plugin that wrongly ships its own Sdk copy gets the host's: two Sdk copies would make every
/// extension invisible to the kernel. What the plugin does not ship (the framework) falls back to the default context.
/// </summary>
internal static class PluginContexts
{
    public static PluginLoader Create(string entryAssemblyPath)
        => PluginLoader.CreateFromAssemblyFile(entryAssemblyPath, isUnloadable: true, sharedTypes: [typeof(ExtensionAttribute)]);
}
