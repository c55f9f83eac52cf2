using System.IO.Compression;
using System.Text;

namespace ReversePaas.Tests.Files;

/// <summary>Builds <c>.rpplugin</c> bytes for tests: a built plugin folder zipped as <c>reversepaas plugin pack</c> does, or hostile variants.</summary>
public static class PluginPackageFiles
{
    /// <summary>
    /// The files of <paramref name="folder"/> zipped with plugin.json first; <paramref name="manifest"/> edits the
    /// manifest's text, <paramref name="extra"/> adds entries (name → content) as they are, unchecked.
    /// </summary>
    public static byte[] Of(string folder, Func<string, string>? manifest = null, IReadOnlyDictionary<string, byte[]>? extra = null, IReadOnlySet<string>? leaveOut = null)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
                .Where(f => leaveOut is null || !leaveOut.Contains(f))
                .OrderBy(f => f == "plugin.json" ? 0 : 1).ThenBy(f => f, StringComparer.Ordinal);
            foreach (var file in files)
            {
                var content = File.ReadAllBytes(Path.Combine(folder, file));
                if (file == "plugin.json" && manifest is not null)
                {
                    content = Encoding.UTF8.GetBytes(manifest(Encoding.UTF8.GetString(content)));
                }

                Write(zip, file, content);
            }

            foreach (var (name, content) in extra ?? new Dictionary<string, byte[]>())
            {
                Write(zip, name, content);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A zip whose one entry (besides plugin.json) is a symbolic link, as Unix zip tools store one.</summary>
    public static byte[] WithLink(string folder, string name, string pointsTo)
    {
        var bytes = Of(folder);
        using var buffer = new MemoryStream();
        buffer.Write(bytes);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            var link = zip.CreateEntry(name);
            link.ExternalAttributes = (0xA1FF << 16) | 0; // S_IFLNK | 0777
            using var stream = link.Open();
            stream.Write(Encoding.UTF8.GetBytes(pointsTo));
        }

        return buffer.ToArray();
    }

    private static void Write(ZipArchive zip, string name, byte[] content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var stream = entry.Open();
        stream.Write(content);
    }
}
