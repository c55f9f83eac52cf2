namespace ReversePaas.Tests.Files;

/// <summary>The repository root above the test binaries, and copying deployed folders into scratch space.</summary>
public static class RepositoryFolders
{
    /// <summary>The folder holding ReversePaas.sln above the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Copies a deployed folder (a plugin, the mappings) recursively, failing clearly when the build did not deploy it.</summary>
    public static void CopyDirectory(string source, string target)
    {
        if (!Directory.Exists(source))
        {
            throw new DirectoryNotFoundException($"Test input '{source}' is missing: did the build deploy it?");
        }

        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ReversePaas.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No ReversePaas.sln above {AppContext.BaseDirectory}.");
    }
}
