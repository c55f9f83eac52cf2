namespace ReversePaas.Host.Tests.Support;

/// <summary>Folders the build deploys next to the tests, and per-test scratch folders.</summary>
public static class TestPaths
{
    /// <summary>The bundled plugins, deployed by the build exactly as for the host.</summary>
    public static string BundledPlugins => Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>Broken and special plugins built as fixtures.</summary>
    public static string FixturePlugins => Path.Combine(AppContext.BaseDirectory, "fixtures", "plugins");

    /// <summary>The repository's identity-mappings, copied beside the host.</summary>
    public static string Mappings => Path.Combine(AppContext.BaseDirectory, "identity-mappings");

    /// <summary>One bundled plugin's deployed folder.</summary>
    public static string BundledPlugin(string folder) => Path.Combine(BundledPlugins, folder);

    /// <summary>One fixture plugin's deployed folder.</summary>
    public static string FixturePlugin(string folder) => Path.Combine(FixturePlugins, folder);

    /// <summary>A fresh plugins folder holding copies of the named plugin folders.</summary>
    public static string PluginsFolderWith(params string[] pluginFolders)
    {
        var target = Path.Combine(Path.GetTempPath(), "reversepaas-tests", Guid.NewGuid().ToString("N"), "plugins");
        Directory.CreateDirectory(target);
        foreach (var source in pluginFolders)
        {
            CopyDirectory(source, Path.Combine(target, Path.GetFileName(source)));
        }

        return target;
    }

    public static void CopyDirectory(string source, string target) => RepositoryFolders.CopyDirectory(source, target);
}
