namespace ReversePaas.Plugins.Tests.Loading.Support;

/// <summary>
/// Plugin folders the build deploys beside the tests (build/FixturePlugins.props): the bundled plugins exactly as
/// the host gets them, and the fixtures. Tests never load these in place; they copy them into a
/// <see cref="ScratchPluginsDirectory"/> so each test chooses its own combination.
/// </summary>
public static class DeployedPlugins
{
    /// <summary>A bundled plugin's folder, e.g. <c>plugins/RetailPop</c>.</summary>
    public static string Bundled(string name) => Existing(Path.Combine(AppContext.BaseDirectory, "plugins", name));

    /// <summary>A fixture plugin's folder, e.g. <c>fixtures/plugins/GoodPlugin</c>.</summary>
    public static string Fixture(string name) => Existing(Path.Combine(AppContext.BaseDirectory, "fixtures", "plugins", name));

    private static string Existing(string folder) => Directory.Exists(folder)
        ? folder
        : throw new DirectoryNotFoundException($"'{folder}' is missing: building this test project deploys it (see build/README.md).");
}
