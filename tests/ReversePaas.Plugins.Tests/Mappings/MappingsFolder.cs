using ReversePaas.Plugins.Tests.Support;

namespace ReversePaas.Plugins.Tests.Mappings;

/// <summary>A scratch copy of the repository's identity-mappings that a test can break one file at a time.</summary>
public sealed class MappingsFolder
{
    public MappingsFolder()
    {
        Path = PluginFolders.NewScratch("identity-mappings");
        PluginFolders.Copy(PluginFolders.RepositoryMappings, Path);
    }

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
        File.Delete(System.IO.Path.Combine(Path, relativePath));
        return this;
    }
}
