using ReversePaas.Kernel.Extensions;
using ReversePaas.Plugins.Loading;
using ReversePaas.Plugins.Mappings;

namespace ReversePaas.Plugins;

/// <summary>What a reload did.</summary>
/// <param name="Applied">True when a new snapshot was published; false when the inputs were rejected and nothing changed.</param>
/// <param name="Generation">The generation now current.</param>
/// <param name="Plugins">The plugins now current, with their states.</param>
/// <param name="Problems">Problems of the current snapshot.</param>
/// <param name="MappingErrors">Why the identity mappings were rejected, when <paramref name="Applied"/> is false.</param>
public sealed record ReloadOutcome(
    bool Applied,
    long Generation,
    IReadOnlyList<PluginRecord> Plugins,
    IReadOnlyList<ExtensionProblem> Problems,
    IReadOnlyList<IdentityMappingError> MappingErrors);
