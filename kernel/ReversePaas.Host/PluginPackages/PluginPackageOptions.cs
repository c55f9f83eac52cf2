using ReversePaas.Plugins.Packages;

namespace ReversePaas.Host.PluginPackages;

/// <summary>Plugin packages on this host (<c>Plugins:SyncInterval</c>, <c>Plugins:PackageCache</c>, <c>Plugins:Packages:*</c>).</summary>
internal sealed class PluginPackageOptions
{
    /// <summary>How often the host compares the active versions in the database with what it serves (default 5 s).</summary>
    public TimeSpan SyncInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Where active packages are unpacked, one folder per id, version and SH-256 prefix.</summary>
    public required string CacheDirectory { get; init; }

    /// <summary>What an upload may be.</summary>
    public PluginPackageLimits Limits { get; init; } = new();
}
