using System.Globalization;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using ReversePaas.Sdk;

namespace ReversePaas.Plugins.Loading;

/// <summary>
/// Whether a plugin fits this host's ReversePaas.Sdk: the <c>sdkVersion</c> it declares, and the Sdk its entry
/// assembly was actually compiled against (read from metadata, before anything is loaded into a context).
/// </summary>
internal static class SdkCompatibility
{
    /// <summary>The simple name of the host's Sdk assembly (<c>ReversePaas.Sdk</c>).</summary>
    public static readonly string SdkAssemblyName = typeof(ExtensionAttribute).Assembly.GetName().Name!;

    /// <summary>
    /// Null when <paramref name="declared"/> (SemVer <c>major.minor.patch</c>, already schema-checked) has this
    /// host's major and a minor no newer than this host's; otherwise the reason.
    /// </summary>
    public static string? CheckDeclared(string declared)
    {
        var parts = declared.Split('.');
        if (parts.Length < 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            return $"sdkVersion '{declared}' is not a version this host can compare; write major.minor.patch, e.g. '{SdkVersion.Text}'.";
        }

        if (major != SdkVersion.Major)
        {
            return $"Built against ReversePaas.Sdk {declared}, but this host runs Sdk {SdkVersion.Text} and the major versions must match. "
                + $"Rebuild the plugin against Sdk {SdkVersion.Major}.x.";
        }

        // A newer minor may call Sdk members this host does not have: that would fail at run time, mid-request.
        return minor > SdkVersion.Minor
            ? $"Built against ReversePaas.Sdk {declared}, newer than this host's Sdk {SdkVersion.Text}; it may use Sdk features this host lacks. "
                + $"Upgrade the host, or build the plugin against Sdk {SdkVersion.Major}.{SdkVersion.Minor}."
            : null;
    }

    /// <summary>
    /// Null when the entry assembly at <paramref name="entryPath"/> references ReversePaas.Sdk with this host's
    /// major (the same major its manifest declares); otherwise the reason. Throws
    /// <see cref="BadImageFormatException"/> when the file is not a .NET assembly.
    /// </summary>
    public static string? CheckReference(string entryPath, string declared)
    {
        var referenced = ReadSdkReference(entryPath);
        var file = Path.GetFileName(entryPath);
        if (referenced is null)
        {
            return $"{file} does not reference {SdkAssemblyName}, so it cannot contain extensions. "
                + "Check entryAssembly in plugin.json names the DLL that holds the [Extension] classes.";
        }

        if (referenced.Major != SdkVersion.Major)
        {
            return $"{file} was compiled against {SdkAssemblyName} {referenced}, but this host runs Sdk {SdkVersion.Text} "
                + $"and the major versions must match (plugin.json says sdkVersion {declared}: the manifest and the assembly disagree). "
                + $"Rebuild the plugin against Sdk {SdkVersion.Major}.x.";
        }

        return null;
    }

    private static Version? ReadSdkReference(string entryPath)
    {
        using var stream = File.OpenRead(entryPath);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
        {
            throw new BadImageFormatException($"{Path.GetFileName(entryPath)} has no .NET metadata.", entryPath);
        }

        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.AssemblyReferences)
        {
            var reference = metadata.GetAssemblyReference(handle);
            if (metadata.StringComparer.Equals(reference.Name, SdkAssemblyName, ignoreCase: true))
            {
                return reference.Version;
            }
        }

        return null;
    }
}
