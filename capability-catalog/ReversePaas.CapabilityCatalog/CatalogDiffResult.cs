namespace ReversePaas.CapabilityCatalog;

/// <summary>Changes between two catalogs.</summary>
public sealed record CatalogDiffResult(long FromGeneration, long ToGeneration, IReadOnlyList<IdentityChange> Identities, IReadOnlyList<PluginChange> Plugins)
{
    /// <summary>True when nothing changed.</summary>
    public bool IsEmpty => Identities.Count == 0 && Plugins.Count == 0;
}
