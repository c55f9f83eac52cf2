namespace ReversePaas.CapabilityCatalog;

/// <summary>How something changed.</summary>
public enum ChangeKind
{
    /// <summary>It is new.</summary>
    Added,

    /// <summary>It is gone.</summary>
    Removed,

    /// <summary>It is served by something else, or changed version or state.</summary>
    Rebound,
}
