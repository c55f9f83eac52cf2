using ReversePaas.Cli.Tests.Support;

namespace ReversePaas.Cli.Tests;

public sealed class CatalogDiffTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Removing_the_DaojiaFresh_plugin_changes_daojia_fresh_only_and_exits_1()
    {
        var plugins = _folder.PluginsWith(
            TestPaths.BundledPlugin("BMallIntent"), TestPaths.BundledPlugin("DaojiaFresh"), TestPaths.BundledPlugin("RetailPop"), TestPaths.BundledPlugin("RetailSelf"));
        var before = await ExportAsync(plugins, "before");
        Directory.Delete(Path.Combine(plugins, "DaojiaFresh"), recursive: true);
        var after = await ExportAsync(plugins, "after");

        var run = await TestCli.RunAsync("catalog", "diff", before, after);
        var json = await TestCli.RunAsync("catalog", "diff", before, after, "--json");

        run.ExitCode.Should().Be(ExitCodes.Findings, run.ToString());
        var lines = run.Stdout.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Where(l => !l.StartsWith(' ')).Should().Equal(
            "- plugin daojia-fresh 1.0.0",
            "~ identity daojia.fresh",
            "1 plugin and 1 identity changed (3 capabilities).");
        lines.Where(l => l.StartsWith("    ", StringComparison.Ordinal)).Should().HaveCount(3).And.OnlyContain(l => l.Contains("daojia-fresh.", StringComparison.Ordinal));
        run.Stdout.Should().Contain("    - application.interceptor: daojia-fresh.perishable-return-window, daojia-fresh.quality-photo-evidence (Declared)")
            .And.Contain("    ~ application.refund-calculator: daojia-fresh.weight-difference-refund (Declared) -> kernel.refund.paid-share (KernelDefault)");

        json.ExitCode.Should().Be(ExitCodes.Findings);
        var diff = json.Json();
        var plugin = diff.GetProperty("plugins").EnumerateArray().Should().ContainSingle().Subject;
        plugin.GetProperty("id").GetString().Should().Be("daojia-fresh");
        plugin.GetProperty("kind").GetString().Should().Be("Removed");
        var identity = diff.GetProperty("identities").EnumerateArray().Should().ContainSingle().Subject;
        identity.GetProperty("identity").GetString().Should().Be("daojia.fresh");
        identity.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("point").GetString())
            .Should().Equal("application.interceptor", "application.refund-calculator", "execution.return-logistics");
        diff.GetProperty("isEmpty").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task Identical_catalogs_have_no_changes_and_exit_0()
    {
        var catalog = await ExportAsync(TestPaths.BundledPlugins, "same");
        var copy = _folder["copy.json"];
        File.Copy(catalog, copy);

        var run = await TestCli.RunAsync("catalog", "diff", catalog, copy);
        var json = await TestCli.RunAsync("--json", "catalog", "diff", catalog, copy);

        run.ExitCode.Should().Be(ExitCodes.Success, run.ToString());
        run.Stdout.Should().Be("No capability changes.\n");
        json.ExitCode.Should().Be(ExitCodes.Success);
        json.Json().GetProperty("isEmpty").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task A_json_file_that_is_not_a_catalog_is_a_usage_error_naming_the_file_and_path()
    {
        var catalog = await ExportAsync(TestPaths.BundledPlugins, "real");
        var rules = Path.Combine(TestPaths.Mappings, "identities.json");

        var run = await TestCli.RunAsync("catalog", "diff", catalog, rules);

        run.ExitCode.Should().Be(ExitCodes.Usage, run.ToString());
        run.Stderr.Should().Contain($"{rules}: not a catalog file ($.sdkVersion: required, but missing or null)");
        run.Stderr.Should().NotContain("   at ");
        run.Stdout.Should().BeEmpty();
    }

    [Fact]
    public async Task A_file_that_is_not_json_or_not_there_is_a_usage_error()
    {
        var catalog = await ExportAsync(TestPaths.BundledPlugins, "real");
        var text = _folder["notes.txt"];
        await File.WriteAllTextAsync(text, "# not json\n");
        var broken = _folder["broken.json"];
        await File.WriteAllTextAsync(broken, (await File.ReadAllTextAsync(catalog)).Replace("\"generation\": 1", "\"generation\": \"one\"", StringComparison.Ordinal));

        var notJson = await TestCli.RunAsync("catalog", "diff", text, catalog);
        var wrongType = await TestCli.RunAsync("catalog", "diff", catalog, broken);
        var missing = await TestCli.RunAsync("catalog", "diff", _folder["gone.json"], catalog, "--json");

        notJson.ExitCode.Should().Be(ExitCodes.Usage, notJson.ToString());
        notJson.Stderr.Should().Contain($"{text}: not a catalog file ($:");
        wrongType.ExitCode.Should().Be(ExitCodes.Usage, wrongType.ToString());
        wrongType.Stderr.Should().Contain($"{broken}: not a catalog file ($.generation:");
        missing.ExitCode.Should().Be(ExitCodes.Usage);
        missing.Json().GetProperty("error").GetString().Should().Be($"{_folder["gone.json"]}: the file does not exist.");
    }

    [Fact]
    public async Task Diff_needs_two_files()
    {
        var run = await TestCli.RunAsync("catalog", "diff", "only-one.json");

        run.ExitCode.Should().Be(ExitCodes.Usage, run.ToString());
        run.Stderr.Should().Contain("reversepaas catalog diff --help");
    }

    public void Dispose() => _folder.Dispose();

    private async Task<string> ExportAsync(string plugins, string name)
    {
        var run = await TestCli.RunAsync("catalog", "export", "--plugins", plugins, "--mappings", TestPaths.Mappings, "--out", _folder[name]);
        run.ExitCode.Should().Be(ExitCodes.Success, run.ToString());
        return Path.Combine(_folder[name], "catalog.json");
    }
}
