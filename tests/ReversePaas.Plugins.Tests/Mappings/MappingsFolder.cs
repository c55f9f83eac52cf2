namespace ReversePaas.Plugins.Tests.Mappings;

/// <summary>
/// A scratch copy of the repository's identity-mappings folder that a test can break one file at a time;
/// deleted on dispose.
/// </summary>
public sealed class MappingsFolder : IDisposable
{
    private readonly string _root;

    public MappingsFolder(bool copyRepository = true)
    {
        _root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "reversepaas-tests", Guid.NewGuid().ToString("N"));
        Path = System.IO.Path.Combine(_root, "identity-mappings");
        Directory.CreateDirectory(Path);
        if (copyRepository)
        {
            foreach (var file in Directory.EnumerateFiles(RepositoryMappings, "*.json", SearchOption.AllDirectories))
            {
                var target = System.IO.Path.Combine(Path, System.IO.Path.GetRelativePath(RepositoryMappings, file));
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
    }

    /// <summary>The repository's own identity-mappings folder (the source, not a build copy).</summary>
    public static string RepositoryMappings { get; } = FindRepositoryMappings();

    public string Path { get; }

    public MappingsFolder Write(string relativePath, string json)
    {
        var file = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, json);
        return this;
    }

    public MappingsFolder Delete(string relativePath)
    {
        var path = System.IO.Path.Combine(Path, relativePath);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        else
        {
            File.Delete(path);
        }

        return this;
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static string FindRepositoryMappings()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "ReversePaas.sln")))
            {
                return System.IO.Path.Combine(directory.FullName, "identity-mappings");
            }
        }

        throw new DirectoryNotFoundException($"No ReversePaas.sln above '{AppContext.BaseDirectory}'.");
    }
}
