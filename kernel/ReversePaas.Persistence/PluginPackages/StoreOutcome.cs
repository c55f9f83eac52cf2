namespace ReversePaas.Persistence.PluginPackages;

/// <summary>What storing an uploaded package did.</summary>
public enum StoreOutcome
{
    /// <summary>Stored as a new Staged version.</summary>
    Created,

    /// <summary>The same bytes were stored already: nothing changed.</summary>
    AlreadyStored,

    /// <summary>Another package with this id and version is stored: nothing changed.</summary>
    Conflict,
}
