using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReversePaas.Plugins.Tests.Loading.Support;

/// <summary>A plugins directory of its own for one test, holding copies of deployed plugin folders.</summary>
public sealed class ScratchPluginsDirectory : IDisposable
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly string _root;

    private ScratchPluginsDirectory()
    {
        _root = Path.Combine(Path.GetTempPath(), "reversepaas-tests", Guid.NewGuid().ToString("N"));
        FullPath = Path.Combine(_root, "plugins");
        Directory.CreateDirectory(FullPath);
    }

    /// <summary>The plugins directory to load.</summary>
    public string FullPath { get; }

    /// <summary>A directory holding a copy of each folder, under the folder's own name.</summary>
    public static ScratchPluginsDirectory With(params string[] pluginFolders)
    {
        var directory = new ScratchPluginsDirectory();
        foreach (var folder in pluginFolders)
        {
            directory.Add(folder);
        }

        return directory;
    }

    /// <summary>Copies <paramref name="pluginFolder"/> in as <paramref name="asFolder"/> (default: its own name); returns the copy's path.</summary>
    public string Add(string pluginFolder, string? asFolder = null)
    {
        var target = Path.Combine(FullPath, asFolder ?? Path.GetFileName(pluginFolder));
        foreach (var file in Directory.EnumerateFiles(pluginFolder, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(pluginFolder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    /// <summary>Changes the plugin.json of the copied folder <paramref name="folder"/>.</summary>
    public void EditManifest(string folder, Action<JsonObject> edit)
    {
        var path = Path.Combine(FullPath, folder, "plugin.json");
        var manifest = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(manifest);
        File.WriteAllText(path, manifest.ToJsonString(Indented));
    }

    /// <summary>Sets <c>dependsOn</c> of the copied folder <paramref name="folder"/>.</summary>
    public void SetDependsOn(string folder, params string[] pluginIds)
        => EditManifest(folder, m => m["dependsOn"] = new JsonArray([.. pluginIds.Select(id => (JsonNode)JsonValue.Create(id))]));

    /// <summary>A path inside the scratch area that does not exist.</summary>
    public string MissingSibling => Path.Combine(_root, "not-there");

    /// <inheritdoc />
    public void Dispose()
    {
        // Loaded plugin files may still be mapped; on Linux deleting them is fine, elsewhere it may not be.
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder is harmless; failing the test for it would hide the real result.
        }
    }
}
