using ReversePaas.Cli.Tests.Support;

namespace ReversePaas.Cli.Tests;

public sealed class PluginValidateTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task The_bundled_RetailPop_plugin_is_valid()
    {
        var run = await TestCli.RunAsync("plugin", "validate", TestPaths.BundledPlugin("RetailPop"));

        run.ExitCode.Should().Be(ExitCodes.Success, run.ToString());
        run.Stdout.Should().Contain("Loaded  retail-pop").And.Contain("retail-pop.merchant-review").And.Contain("Result: valid");
        run.Stderr.Should().Contain("against an empty mapping set");
    }

    [Fact]
    public async Task The_bundled_plugins_directory_is_valid_against_the_repository_mappings()
    {
        var run = await TestCli.RunAsync("plugin", "validate", TestPaths.BundledPlugins, "--mappings", TestPaths.Mappings, "--json");

        run.ExitCode.Should().Be(ExitCodes.Success, run.ToString());
        var result = run.Json();
        result.GetProperty("valid").GetBoolean().Should().BeTrue();
        result.GetProperty("singlePlugin").GetBoolean().Should().BeFalse();
        result.GetProperty("plugins").EnumerateArray().Select(p => p.GetProperty("id").GetString())
            .Should().BeEquivalentTo("bmall-intent", "daojia-fresh", "retail-pop", "retail-self");
        result.GetProperty("plugins").EnumerateArray().Should().OnlyContain(p => p.GetProperty("state").GetString() == "Loaded");
    }

    [Fact]
    public async Task A_bad_manifest_fails_with_every_reason_and_the_real_folder()
    {
        var folder = TestPaths.FixturePlugin("BadManifest");
        var run = await TestCli.RunAsync("plugin", "validate", folder);

        run.ExitCode.Should().Be(ExitCodes.Findings, run.ToString());
        run.Stdout.Should().Contain($"Failed  BadManifest (no version) in {folder}")
            .And.Contain($"{Path.Combine(folder, "plugin.json")} is invalid")
            .And.Contain("$.id: 'Bad Manifest' does not match the pattern")
            .And.Contain("Required property 'entryAssembly' is missing")
            .And.Contain("Result: invalid: 1 plugin(s) failed to load");
        run.Stdout.Should().NotContain("reversepaas-validate-", "the temporary copy is never shown");
    }

    [Fact]
    public async Task A_plugin_built_for_another_Sdk_major_fails_with_the_reason()
    {
        var run = await TestCli.RunAsync("plugin", "validate", TestPaths.FixturePlugin("WrongSdkMajor"), "--json");

        run.ExitCode.Should().Be(ExitCodes.Findings, run.ToString());
        var result = run.Json();
        result.GetProperty("valid").GetBoolean().Should().BeFalse();
        var plugin = result.GetProperty("plugins").EnumerateArray().Should().ContainSingle().Subject;
        plugin.GetProperty("id").GetString().Should().Be("wrong-sdk-major");
        plugin.GetProperty("state").GetString().Should().Be("Failed");
        plugin.GetProperty("error").GetString().Should().Contain("Sdk 2.0.0").And.Contain("major versions must match");
        plugin.GetProperty("path").GetString().Should().Be(TestPaths.FixturePlugin("WrongSdkMajor"));
    }

    [Fact]
    public async Task Two_plugins_claiming_review_router_for_retail_pop_are_a_conflict()
    {
        var plugins = _folder.PluginsWith(TestPaths.BundledPlugin("RetailPop"), TestPaths.FixturePlugin("ConflictingPop"));

        var run = await TestCli.RunAsync("plugin", "validate", plugins, "--mappings", TestPaths.Mappings);

        run.ExitCode.Should().Be(ExitCodes.Findings, run.ToString());
        run.Stdout.Should().Contain("Loaded  retail-pop").And.Contain("Loaded  conflicting-pop");
        var conflict = run.Stdout.ReplaceLineEndings("\n").Split('\n').Should().ContainSingle(l => l.Contains("conflict:", StringComparison.Ordinal)).Subject;
        conflict.Should().Contain("'review.router'").And.Contain("'retail.pop'")
            .And.Contain("conflicting-pop.review").And.Contain("retail-pop.merchant-review");
        run.Stdout.Should().Contain("Result: invalid: 0 plugin(s) failed to load, 1 error problem(s).");
    }

    [Fact]
    public async Task A_single_plugin_checked_against_the_mappings_is_judged_on_its_own_problems()
    {
        var run = await TestCli.RunAsync("plugin", "validate", TestPaths.BundledPlugin("DaojiaFresh"), "--mappings", TestPaths.Mappings, "--json");

        run.ExitCode.Should().Be(ExitCodes.Success, run.ToString());
        run.Json().GetProperty("singlePlugin").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task A_folder_that_does_not_exist_or_holds_no_plugin_is_a_usage_error()
    {
        var missing = await TestCli.RunAsync("plugin", "validate", _folder["nothing-here"]);
        Directory.CreateDirectory(_folder["empty"]);
        var empty = await TestCli.RunAsync("plugin", "validate", _folder["empty"]);
        var badMappings = await TestCli.RunAsync("plugin", "validate", TestPaths.BundledPlugin("RetailPop"), "--mappings", _folder["no-mappings"]);

        missing.ExitCode.Should().Be(ExitCodes.Usage, missing.ToString());
        missing.Stderr.Should().Contain($"'{_folder["nothing-here"]}' does not exist.");
        empty.ExitCode.Should().Be(ExitCodes.Usage, empty.ToString());
        empty.Stderr.Should().Contain("holds neither a plugin.json nor any subfolder");
        badMappings.ExitCode.Should().Be(ExitCodes.Usage, badMappings.ToString());
        badMappings.Stderr.Should().Contain("identity mappings folder (--mappings)");
    }

    public void Dispose() => _folder.Dispose();
}
