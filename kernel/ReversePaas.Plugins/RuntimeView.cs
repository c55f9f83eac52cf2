using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Identity;
using ReversePaas.Plugins.Loading;

namespace ReversePaas.Plugins;

/// <summary>One generation of what runs: the snapshot dispatch uses, the plugins listed with it, the mappings it was built from.</summary>
/// <param name="Snapshot">The extension snapshot.</param>
/// <param name="Plugins">The plugins of that snapshot, then those a reload removed.</param>
/// <param name="Mappings">The identity mappings.</param>
public sealed record RuntimeView(ExtensionSnapshot Snapshot, IReadOnlyList<PluginRecord> Plugins, IdentityMappings Mappings);
