using System.Security.Cryptography;
using ReversePaas.Plugins.Loading;
using ReversePaas.Plugins.Tests.Loading.Support;

namespace ReversePaas.Plugins.Tests.Loading;

public sealed class PluginAdmissionTests
{
    private static string Sha256Of(string pluginFolder, string dll)
        => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(pluginFolder, dll))));

    [Fact]
    public void With_an_allow_list_a_listed_plugin_with_the_right_hash_loads_whatever_the_hex_case()
    {
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Bundled("RetailPop"));
        var hash = Sha256Of(Path.Combine(plugins.FullPath, "RetailPop"), "ReversePaas.Extensions.RetailPop.dll");
        var options = new PluginLoaderOptions { AllowList = [new("retail-pop", hash.ToLowerInvariant())] };

        var set = new PluginFolderLoader(options).LoadAll(plugins.FullPath);

        set.Plugins.Single().State.Should().Be(PluginState.Loaded, set.Plugins.Single().Error);
        set.Unload();
    }

    [Fact]
    public void With_an_allow_list_a_plugin_whose_DLL_has_another_hash_fails_naming_both_hashes()
    {
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Fixture("GoodPlugin"));
        var approved = new string('a', 64);
        var actual = Sha256Of(Path.Combine(plugins.FullPath, "GoodPlugin"), "Fixture.GoodPlugin.dll");

        var set = new PluginFolderLoader(new PluginLoaderOptions { AllowList = [new("good-plugin", approved)] }).LoadAll(plugins.FullPath);

        var plugin = set.Plugins.Single();
        plugin.State.Should().Be(PluginState.Failed);
        plugin.Error.Should().Contain($"The SHA-256 of Fixture.GoodPlugin.dll is {actual}, not the {approved}")
            .And.Contain("not the build that was approved");
        set.ContextReferences.Should().BeEmpty("a refused plugin's code is never loaded");
    }

    [Fact]
    public void With_an_allow_list_an_unlisted_plugin_fails_while_listed_ones_load()
    {
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Bundled("RetailPop"), DeployedPlugins.Fixture("GoodPlugin"));
        var hash = Sha256Of(Path.Combine(plugins.FullPath, "RetailPop"), "ReversePaas.Extensions.RetailPop.dll");

        var set = new PluginFolderLoader(new PluginLoaderOptions { AllowList = [new("retail-pop", hash)] }).LoadAll(plugins.FullPath);

        set.Plugins.Single(p => p.Id == "retail-pop").State.Should().Be(PluginState.Loaded);
        var unlisted = set.Plugins.Single(p => p.Id == "good-plugin");
        unlisted.State.Should().Be(PluginState.Failed);
        unlisted.Error.Should().Be("Plugin 'good-plugin' is not on the allow-list (Plugins:AllowList), so it is not loaded.");
        set.Unload();
    }

    [Fact]
    public void An_id_may_be_allowed_with_several_hashes_so_a_new_build_can_be_approved_before_the_old_is_removed()
    {
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Fixture("GoodPlugin"));
        var hash = Sha256Of(Path.Combine(plugins.FullPath, "GoodPlugin"), "Fixture.GoodPlugin.dll");
        var options = new PluginLoaderOptions { AllowList = [new("good-plugin", new string('0', 64)), new("good-plugin", hash)] };

        var set = new PluginFolderLoader(options).LoadAll(plugins.FullPath);

        set.Plugins.Single().State.Should().Be(PluginState.Loaded);
        set.Unload();
    }

    [Fact]
    public void Without_an_allow_list_every_plugin_is_admitted()
    {
        new PluginLoaderOptions().AllowList.Should().BeEmpty();
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Fixture("GoodPlugin"));

        var set = new PluginFolderLoader(new PluginLoaderOptions()).LoadAll(plugins.FullPath);

        set.Plugins.Single().State.Should().Be(PluginState.Loaded);
        set.Unload();
    }
}
