namespace ReversePaas.Persistence.PluginPackages;

/// <summary>The states of a stored package (API.md, "Plugin packages").</summary>
public static class PluginPackageStates
{
    /// <summary>Uploaded, never active, or not active yet.</summary>
    public const string Staged = "Staged";

    /// <summary>The one version of its plugin every host serves.</summary>
    public const string Active = "Active";

    /// <summary>Was active, replaced or deactivated; can be activated again.</summary>
    public const string Retired = "Retired";
}
