namespace ReversePaas.Plugins.Tests.Support;

/// <summary>The plugin folders the build deploys beside the tests, and scratch plugin directories built from them.</summary>
public static class PluginFolders
{
    public static string Bundled(string name) => Path.Combine(AppContext.BaseDirectory, "plugins", name);

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", "plugins", name);

    public static string RepositoryMappings => Path.Combine(AppContext.BaseDirectory, "identity-mappings");

    /// <summary>A new empty scratch directory.</summary>
    public static string NewScratch(string name = "plugins")
    {
        var path = Path.Combine(Path.GetTempPath(), "reversepaas-tests", Guid.NewGuid().ToString("N"), name);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>A plugins directory holding copies of the given plugin folders (under the given names, if any).</summary>
    public static string DirectoryWith(params (string Source, string? As)[] plugins)
    {
        var root = NewScratch();
        foreach (var (source, name) in plugins)
        {
            Copy(source, Path.Combine(root, name ?? Path.GetFileName(source)));
        }

        return root;
    }

    public static string DirectoryWith(params string[] sources)
        => DirectoryWith([.. sources.Select(s => (s, (string?)null))]);

    public static void Copy(string source, string target)
    {
        if (!Directory.Exists(source))
        {
            throw new DirectoryNotFoundException($"'{source}' is missing: the build deploys it beside the tests.");
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
    }

    /// <summary>Rewrites the plugin.json of a copied plugin.</summary>
    public static void EditManifest(string pluginFolder, Func<string, string> edit)
    {
        var path = Path.Combine(pluginFolder, "plugin.json");
        File.WriteAllText(path, edit(File.ReadAllText(path)));
    }
}
