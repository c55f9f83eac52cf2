using System.IO.Compression;
using System.Security.Cryptography;
using ReversePaas.Plugins.Loading;

namespace ReversePaas.Plugins.Packages;

/// <summary>
/// Checks an uploaded <c>.rpplugin</c> and unpacks it: a zip within <see cref="PluginPackageLimits"/>, no entry outside
/// the package's folder (absolute paths, <c>..</c>, backslashes, links), <c>plugin.json</c> at its root and valid against
/// its schema, the entry assembly present, built for this host's Sdk major (declared and referenced), and listed by
/// SHA-256 when an allow-list is configured. Every refusal is a <see cref="PluginPackageException"/> naming the fault.
/// </summary>
public static class PluginPackageReader
{
    private const int SymbolicLink = 0xA000;

    /// <summary>Validates <paramref name="package"/> by unpacking it into a scratch folder that is deleted afterwards.</summary>
    public static ValidatedPackage Validate(byte[] package, PluginPackageLimits limits, IReadOnlyList<PluginAllowListEntry> allowList)
    {
        var scratch = Path.Combine(Path.GetTempPath(), $"reversepaas-package-{Guid.NewGuid():N}");
        try
        {
            return Unpack(package, scratch, limits, allowList);
        }
        finally
        {
            TryDelete(scratch);
        }
    }

    /// <summary>Validates <paramref name="package"/> and leaves it unpacked in <paramref name="folder"/> (created).</summary>
    public static ValidatedPackage Unpack(byte[] package, string folder, PluginPackageLimits limits, IReadOnlyList<PluginAllowListEntry> allowList)
    {
        ArgumentNullException.ThrowIfNull(package);
        if (package.LongLength > limits.MaxBytes)
        {
            throw new PluginPackageException("too-large", $"The package is {package.LongLength} bytes; at most {limits.MaxBytes} are accepted (Plugins:Packages:MaxBytes).");
        }

        ZipArchive zip;
        try
        {
            zip = new ZipArchive(new MemoryStream(package, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException ex)
        {
            throw new PluginPackageException("not-a-zip", $"The body is not a zip file ({ex.Message}); a plugin package is the .rpplugin that 'reversepaas plugin pack' writes.");
        }

        using (zip)
        {
            if (zip.Entries.Count > limits.MaxEntries)
            {
                throw new PluginPackageException("too-many-entries", $"The package has {zip.Entries.Count} entries; at most {limits.MaxEntries} are accepted (Plugins:Packages:MaxEntries).");
            }

            if (zip.GetEntry(PluginManifestReader.FileName) is null)
            {
                throw new PluginPackageException("no-manifest", $"The package has no {PluginManifestReader.FileName} at its root.");
            }

            Directory.CreateDirectory(folder);
            var root = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
            long unpacked = 0;
            foreach (var entry in zip.Entries)
            {
                var target = SafeTarget(entry, root);
                if (entry.FullName.EndsWith('/'))
                {
                    Directory.CreateDirectory(target);
                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                unpacked = CopyBounded(entry, target, unpacked, limits.MaxUnpackedBytes);
            }
        }

        var (manifest, error) = PluginManifestReader.Read(folder);
        if (manifest is null)
        {
            throw new PluginPackageException("invalid-manifest", error!);
        }

        var entryPath = Path.Combine(folder, manifest.EntryAssembly);
        if (!File.Exists(entryPath))
        {
            throw new PluginPackageException("entry-assembly-missing", $"The entry assembly '{manifest.EntryAssembly}' named in plugin.json is not in the package.");
        }

        if ((SdkCompatibility.CheckDeclared(manifest.SdkVersion) ?? SdkCompatibility.CheckReference(entryPath, manifest.SdkVersion)) is { } refusal)
        {
            throw new PluginPackageException("sdk-mismatch", refusal);
        }

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(package));
        if (allowList.Count > 0 && !allowList.Any(a => a.Id == manifest.Id && string.Equals(a.Sha256.Trim(), sha256, StringComparison.OrdinalIgnoreCase)))
        {
            throw new PluginPackageException("not-allow-listed", $"Plugin '{manifest.Id}' {manifest.Version} (package SHA-256 {sha256}) is not on the allow-list (Plugins:AllowList).");
        }

        return new ValidatedPackage(manifest.Id, manifest.Version, sha256, manifest.SdkVersion);
    }

    private static string SafeTarget(ZipArchiveEntry entry, string root)
    {
        var name = entry.FullName;
        var kind = (entry.ExternalAttributes >> 16) & 0xF000;
        string? fault = kind == SymbolicLink ? "a link"
            : name.Length == 0 || name.Contains('\\', StringComparison.Ordinal) || name.Contains(':', StringComparison.Ordinal) || name.StartsWith('/') ? "not a plain relative path"
            : name.Split('/').Any(part => part is ".." or ".") ? "a path that leaves the package's folder"
            : null;
        var target = Path.GetFullPath(Path.Combine(root, name));
        if (fault is null && !target.StartsWith(root, StringComparison.Ordinal) && target + Path.DirectorySeparatorChar != root)
        {
            fault = "a path that leaves the package's folder";
        }

        return fault is null ? target : throw new PluginPackageException("unsafe-entry", $"The entry '{name}' is {fault}; a package holds plain files under its own folder only.");
    }

    // Counts the bytes really written, not the sizes the zip headers claim (a zip bomb lies there).
    private static long CopyBounded(ZipArchiveEntry entry, string target, long unpacked, long limit)
    {
        using var source = entry.Open();
        using var destination = File.Create(target);
        var buffer = new byte[81920];
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            unpacked += read;
            if (unpacked > limit)
            {
                throw new PluginPackageException("too-large", $"The package unpacks to more than {limit} bytes (Plugins:Packages:MaxUnpackedBytes); stopped at '{entry.FullName}'.");
            }

            destination.Write(buffer, 0, read);
        }

        return unpacked;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: the scratch folder is in the OS temp folder.
        }
    }
}
