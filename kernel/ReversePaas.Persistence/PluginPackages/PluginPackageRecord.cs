namespace ReversePaas.Persistence.PluginPackages;

/// <summary>
/// One uploaded plugin package (table <c>plugin_packages</c>): its bytes and where it stands. Kept in the database so
/// every host of a cluster sees the same packages and the same active version.
/// </summary>
public sealed class PluginPackageRecord
{
    /// <summary>The plugin id (plugin.json).</summary>
    public string PluginId { get; set; } = "";

    /// <summary>The plugin version (plugin.json).</summary>
    public string Version { get; set; } = "";

    /// <summary>The package's SHA-256, lower-case hex.</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>The <c>.rpplugin</c> file as uploaded.</summary>
    public byte[] Content { get; set; } = [];

    /// <summary><c>Staged</c>, <c>Active</c> or <c>Retired</c> (<see cref="PluginPackageStates"/>).</summary>
    public string State { get; set; } = PluginPackageStates.Staged;

    /// <summary>When it was uploaded.</summary>
    public DateTimeOffset UploadedAt { get; set; }

    /// <summary>When it was last activated; null if never.</summary>
    public DateTimeOffset? ActivatedAt { get; set; }
}
