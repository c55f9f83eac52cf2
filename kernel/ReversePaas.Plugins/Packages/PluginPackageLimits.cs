namespace ReversePaas.Plugins.Packages;

/// <summary>What an uploaded package may be (<c>Plugins:Packages:*</c>): bounds that keep a hostile zip harmless.</summary>
public sealed class PluginPackageLimits
{
    /// <summary>The package file, compressed (<c>Plugins:Packages:MaxBytes</c>; default 50 MB).</summary>
    public long MaxBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>All entries unpacked together (<c>Plugins:Packages:MaxUnpackedBytes</c>; default 200 MB): counted while unpacking, never trusted from the headers.</summary>
    public long MaxUnpackedBytes { get; init; } = 200L * 1024 * 1024;

    /// <summary>Files and folders in the package (<c>Plugins:Packages:MaxEntries</c>; default 2,000).</summary>
    public int MaxEntries { get; init; } = 2_000;
}
