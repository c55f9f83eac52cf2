using ReversePaas.Plugins.Loading;
using ReversePaas.Plugins.Tests.Loading.Support;

namespace ReversePaas.Plugins.Tests.Loading;

public sealed class PluginDependencyTests
{
    private static PluginSet Load(ScratchPluginsDirectory plugins) => new PluginFolderLoader(new PluginLoaderOptions()).LoadAll(plugins.FullPath);

    [Fact]
    public void A_plugin_loads_after_the_plugin_it_depends_on_whatever_the_folder_order()
    {
        using var plugins = ScratchPluginsDirectory.With();
        plugins.Add(DeployedPlugins.Fixture("GoodPlugin"), "A-Dependent");
        plugins.Add(DeployedPlugins.Bundled("RetailPop"), "Z-Base");
        plugins.SetDependsOn("A-Dependent", "retail-pop");

        var set = Load(plugins);

        set.Plugins.Select(p => (p.Id, p.State)).Should().Equal(("retail-pop", PluginState.Loaded), ("good-plugin", PluginState.Loaded));
        set.Unload();
    }

    [Fact]
    public void A_plugin_whose_dependency_failed_fails_saying_which()
    {
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Fixture("GoodPlugin"), DeployedPlugins.Fixture("WrongSdkMajor"));
        plugins.SetDependsOn("GoodPlugin", "wrong-sdk-major");

        var set = Load(plugins);

        var dependent = set.Plugins.Single(p => p.Id == "good-plugin");
        dependent.State.Should().Be(PluginState.Failed);
        dependent.Error.Should().Be("It depends on plugin 'wrong-sdk-major', which failed to load.");
        set.ContextReferences.Should().BeEmpty();
    }

    [Fact]
    public void A_plugin_whose_dependency_is_not_installed_fails_saying_which()
    {
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Fixture("GoodPlugin"), DeployedPlugins.Bundled("RetailPop"));
        plugins.SetDependsOn("GoodPlugin", "retail-pop", "not-installed");

        var set = Load(plugins);

        set.Plugins.Single(p => p.Id == "retail-pop").State.Should().Be(PluginState.Loaded);
        var dependent = set.Plugins.Single(p => p.Id == "good-plugin");
        dependent.State.Should().Be(PluginState.Failed);
        dependent.Error.Should().StartWith("It depends on plugin 'not-installed', which is not installed");
        set.Unload();
    }

    [Fact]
    public void Plugins_that_depend_on_each_other_fail_naming_the_cycle_and_what_depends_on_them_fails_too()
    {
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Fixture("GoodPlugin"), DeployedPlugins.Bundled("RetailPop"), DeployedPlugins.Fixture("PrivateDependency"));
        plugins.SetDependsOn("GoodPlugin", "retail-pop");
        plugins.SetDependsOn("RetailPop", "good-plugin");
        plugins.SetDependsOn("PrivateDependency", "retail-pop");

        var set = Load(plugins);

        set.Plugins.Single(p => p.Id == "good-plugin").Error.Should().Contain("dependency cycle (good-plugin → retail-pop → good-plugin)");
        set.Plugins.Single(p => p.Id == "retail-pop").Error.Should().Contain("dependency cycle");
        set.Plugins.Single(p => p.Id == "private-dependency").Error.Should().Be("It depends on plugin 'retail-pop', which failed to load.");
        set.Plugins.Should().OnlyContain(p => p.State == PluginState.Failed);
    }

    [Fact]
    public void A_plugin_that_depends_on_itself_is_a_cycle()
    {
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Fixture("GoodPlugin"));
        plugins.SetDependsOn("GoodPlugin", "good-plugin");

        var plugin = Load(plugins).Plugins.Single();

        plugin.State.Should().Be(PluginState.Failed);
        plugin.Error.Should().Contain("dependency cycle (good-plugin → good-plugin)");
    }
}
