namespace ReversePaas.Cli.Tests.Support;

/// <summary>The repository, the plugins the build deploys next to the tests, and scratch folders.</summary>
public static class TestPaths
{
    /// <summary>The repository root: the folder holding ReversePaas.sln above the test binaries.</summary>
    public static string RepoRoot => RepositoryFolders.Root;

    /// <summary>The repository's identity-mappings.</summary>
    public static string Mappings => Path.Combine(RepoRoot, "identity-mappings");

    /// <summary>The bundled plugins, deployed by the build exactly as for the host.</summary>
    public static string BundledPlugins => Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>One bundled plugin's deployed folder.</summary>
    public static string BundledPlugin(string folder) => Path.Combine(BundledPlugins, folder);

    /// <summary>One fixture plugin's deployed folder.</summary>
    public static string FixturePlugin(string folder) => Path.Combine(AppContext.BaseDirectory, "fixtures", "plugins", folder);

    public static void CopyDirectory(string source, string target) => RepositoryFolders.CopyDirectory(source, target);
}

/// <summary>A fresh folder under <c>%TEMP%/reversepaas-tests</c>, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "reversepaas-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>A path inside the folder (not created).</summary>
    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    /// <summary>A plugins directory inside the folder holding copies of <paramref name="pluginFolders"/>.</summary>
    public string PluginsWith(params string[] pluginFolders)
    {
        var plugins = this["plugins"];
        Directory.CreateDirectory(plugins);
        foreach (var source in pluginFolders)
        {
            TestPaths.CopyDirectory(source, System.IO.Path.Combine(plugins, System.IO.Path.GetFileName(source)));
        }

        return plugins;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A plugin DLL may still be mapped on some platforms; the OS cleans %TEMP%.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
