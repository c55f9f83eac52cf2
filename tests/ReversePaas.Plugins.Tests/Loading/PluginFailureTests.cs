using ReversePaas.Plugins.Loading;
using ReversePaas.Plugins.Tests.Loading.Support;

namespace ReversePaas.Plugins.Tests.Loading;

public sealed class PluginFailureTests
{
    private static PluginSet Load(ScratchPluginsDirectory plugins) => new PluginFolderLoader(new PluginLoaderOptions()).LoadAll(plugins.FullPath);

    [Fact]
    public void A_type_that_cannot_load_fails_the_plugin_naming_the_missing_assembly()
    {
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Fixture("TypeLoadFailure"));

        var set = Load(plugins);

        var plugin = set.Plugins.Single();
        plugin.State.Should().Be(PluginState.Failed);
        plugin.Error.Should().StartWith("Missing assembly 'Fixture.MissingDependency, Version=1.0.0.0")
            .And.Contain("Ship it with the plugin");
        plugin.Extensions.Should().BeEmpty();
        set.ContextReferences.Should().ContainSingle("the context was made before the type failed to load, and is unloaded");
    }

    [Fact]
    public void A_throwing_extension_constructor_fails_the_plugin_naming_the_class_and_the_message()
    {
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Fixture("ThrowingConstructor"));

        var plugin = Load(plugins).Plugins.Single();

        plugin.State.Should().Be(PluginState.Failed);
        plugin.Error.Should().Be("The constructor of extension class Fixture.ThrowingConstructor.ThrowingReviewRouter threw InvalidOperationException: fixture: configuration file not found");
    }

    [Fact]
    public void An_entry_assembly_that_is_not_a_dotnet_assembly_fails_saying_so()
    {
        using var plugins = ScratchPluginsDirectory.With(DeployedPlugins.Fixture("GoodPlugin"));
        File.WriteAllText(Path.Combine(plugins.FullPath, "GoodPlugin", "Fixture.GoodPlugin.dll"), "not a PE file");

        var plugin = Load(plugins).Plugins.Single();

        plugin.State.Should().Be(PluginState.Failed);
        plugin.Error.Should().StartWith("Not a loadable .NET assembly");
    }
}
