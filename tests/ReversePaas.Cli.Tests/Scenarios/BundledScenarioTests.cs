using ReversePaas.Cli.Tests.Support;

namespace ReversePaas.Cli.Tests.Scenarios;

/// <summary>
/// Every bundled plugin proves its business line: its <c>scenarios/</c> folder replays on an in-process kernel (one per
/// folder, as <c>reversepaas scenario run</c> does) and every scenario passes — at least five each.
/// </summary>
public sealed class BundledScenarioTests
{
    [Theory]
    [InlineData("RetailPop")]
    [InlineData("RetailSelf")]
    [InlineData("DaojiaFresh")]
    [InlineData("BMallIntent")]
    public async Task Every_scenario_of_the_plugin_passes(string plugin)
    {
        var folder = Path.Combine(TestPaths.RepoRoot, "extensions", plugin, "scenarios");

        var run = await TestCli.RunAsync("scenario", "run", folder, "--plugins", TestPaths.BundledPlugins, "--mappings", TestPaths.Mappings, "--json");

        run.ExitCode.Should().Be(ExitCodes.Success, run.ToString());
        var results = run.Json().GetProperty("scenarios").EnumerateArray().ToList();
        results.Should().HaveCountGreaterThanOrEqualTo(5, "each bundled plugin ships at least five scenarios");
        results.Should().OnlyContain(r => r.GetProperty("verdict").GetString() == "PASS", run.ToString());
        results.Select(r => r.GetProperty("name").GetString()).Should().OnlyHaveUniqueItems();
    }
}
