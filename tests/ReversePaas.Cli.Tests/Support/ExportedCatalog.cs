using System.Text;
using ReversePaas.CapabilityCatalog;

namespace ReversePaas.Cli.Tests.Support;

/// <summary>One export of the bundled plugins and the repository's mappings in every format, shared by a test class.</summary>
public sealed class ExportedCatalog : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _folder = new();

    public string OutDirectory => _folder["out"];

    public CliRun Run { get; private set; } = null!;

    public CatalogDocument Catalog { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Run = await TestCli.RunAsync(
            "catalog", "export", "--plugins", TestPaths.BundledPlugins, "--mappings", TestPaths.Mappings, "--format", "all", "--out", OutDirectory);
        Catalog = CatalogJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(OutDirectory, "catalog.json")), "catalog.json");
    }

    public string Map(string identity, string extension) => File.ReadAllText(Path.Combine(OutDirectory, identity + extension));

    /// <summary>The node id the maps give a point or extension: prefix, '_', the name with anything but letters and digits as '_'.</summary>
    public static string NodeId(string prefix, string name)
    {
        var id = new StringBuilder(prefix).Append('_');
        foreach (var c in name)
        {
            id.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }

        return id.ToString();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _folder.Dispose();
}
