using System.Security.Cryptography;
using ReversePaas.Plugins.Loading;
using ReversePaas.Plugins.Tests.Support;

namespace ReversePaas.Plugins.Tests.Loading;

public sealed class PluginAdmissionTests
{
    private static string Sha256Of(string pluginFolder, string dll)
        => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(pluginFolder, dll))));

    [Fact]
    public void With_an_allow_list_only_listed_plugins_with_the_right_hash_load()
    {
        var directory = PluginFolders.DirectoryWith(PluginFolders.Bundled("RetailPop"), PluginFolders.Fixture("GoodPlugin"), PluginFolders.Fixture("PrivateDependency"));
        var options = new PluginLoaderOptions
        {
            AllowList =
            [
                new("retail-pop", Sha256Of(Path.Combine(directory, "RetailPop"), "ReversePaas.Extensions.RetailPop.dll").ToLowerInvariant()),
                new("good-plugin", new string('0', 64)),
            ],
        };

        var set = new PluginLoader(options).LoadAll(directory);

        set.Plugins.Single(p => p.Id == "retail-pop").State.Should().Be(PluginState.Loaded, "hashes compare case-insensitively");
        var tampered = set.Plugins.Single(p => p.Id == "good-plugin");
        tampered.State.Should().Be(PluginState.Failed);
        tampered.Error.Should().Contain("SHA-256").And.Contain(new string('0', 64));
        var unlisted = set.Plugins.Single(p => p.Id == "private-dependency");
        unlisted.State.Should().Be(PluginState.Failed);
        unlisted.Error.Should().Contain("not on the allow-list");
        set.Unload();
    }

    [Fact]
    public void A_plugin_loads_after_the_plugin_it_depends_on()
    {
        var directory = PluginFolders.DirectoryWith((PluginFolders.Fixture("GoodPlugin"), "A-Dependent"), (PluginFolders.Bundled("RetailPop"), "Z-Base"));
        PluginFolders.EditManifest(Path.Combine(directory, "A-Dependent"), m => m.Replace("\"owner\"", "\"dependsOn\": [\"retail-pop\"],\n  \"owner\"", StringComparison.Ordinal));

        var set = new PluginLoader(new PluginLoaderOptions()).LoadAll(directory);

        set.Plugins.Select(p => (p.Id, p.State)).Should().Equal(("retail-pop", PluginState.Loaded), ("good-plugin", PluginState.Loaded));
        set.Unload();
    }

    [Fact]
    public void A_plugin_whose_dependency_is_missing_or_failed_fails_saying_which()
    {
        var directory = PluginFolders.DirectoryWith((PluginFolders.Fixture("GoodPlugin"), "Dependent"), (PluginFolders.Fixture("WrongSdkMajor"), "Broken"));
        PluginFolders.EditManifest(Path.Combine(directory, "Dependent"), m => m.Replace("\"owner\"", "\"dependsOn\": [\"wrong-sdk-major\"],\n  \"owner\"", StringComparison.Ordinal));
        Directory.CreateDirectory(Path.Combine(directory, "Other"));
        PluginFolders.Copy(PluginFolders.Bundled("RetailPop"), Path.Combine(directory, "Other"));
        PluginFolders.EditManifest(Path.Combine(directory, "Other"), m => m.Replace("\"dependsOn\": []", "\"dependsOn\": [\"not-installed\"]", StringComparison.Ordinal));

        var set = new PluginLoader(new PluginLoaderOptions()).LoadAll(directory);

        set.Plugins.Single(p => p.Id == "good-plugin").Error.Should().Contain("'wrong-sdk-major', which failed to load");
        set.Plugins.Single(p => p.Id == "retail-pop").Error.Should().Contain("'not-installed', which is not installed");
        set.Plugins.Should().OnlyContain(p => p.State == PluginState.Failed);
    }

    [Fact]
    public void Plugins_that_depend_on_each_other_fail_as_a_cycle()
    {
        var directory = PluginFolders.DirectoryWith((PluginFolders.Fixture("GoodPlugin"), "One"), (PluginFolders.Bundled("RetailPop"), "Two"));
        PluginFolders.EditManifest(Path.Combine(directory, "One"), m => m.Replace("\"owner\"", "\"dependsOn\": [\"retail-pop\"],\n  \"owner\"", StringComparison.Ordinal));
        PluginFolders.EditManifest(Path.Combine(directory, "Two"), m => m.Replace("\"dependsOn\": []", "\"dependsOn\": [\"good-plugin\"]", StringComparison.Ordinal));

        var set = new PluginLoader(new PluginLoaderOptions()).LoadAll(directory);

        set.Plugins.Should().HaveCount(2).And.OnlyContain(p => p.State == PluginState.Failed && p.Error!.Contains("cycle"));
    }
}
