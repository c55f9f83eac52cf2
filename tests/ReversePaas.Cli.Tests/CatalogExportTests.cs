using ReversePaas.CapabilityCatalog;
using ReversePaas.Cli.Tests.Support;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Plugins.Loading;
using ReversePaas.Sdk;

namespace ReversePaas.Cli.Tests;

public sealed class CatalogExportTests(ExportedCatalog export) : IClassFixture<ExportedCatalog>
{
    private static readonly string[] ActivityChain = ["id_root", .. Enum.GetValues<Activity>().Select(a => $"act_{a}")];

    [Fact]
    public void Export_of_the_bundled_plugins_writes_the_catalog_and_a_map_per_identity_and_format()
    {
        export.Run.ExitCode.Should().Be(ExitCodes.Success, export.Run.ToString());
        export.Catalog.Plugins.Should().HaveCount(4).And.OnlyContain(p => p.State == PluginState.Loaded);
        export.Catalog.Identities.Select(i => i.Identity).Should().Contain(["default", "retail.pop", "retail.self", "daojia.fresh", "bmall.intent"]);
        foreach (var identity in export.Catalog.Identities)
        {
            foreach (var extension in new[] { ".mmd", ".dot", ".md", ".svg" })
            {
                File.Exists(Path.Combine(export.OutDirectory, identity.Identity + extension)).Should().BeTrue($"{identity.Identity}{extension} is written");
            }
        }

        var index = File.ReadAllText(Path.Combine(export.OutDirectory, "index.md"));
        foreach (var identity in export.Catalog.Identities)
        {
            index.Should().Contain($"[{identity.Identity}]({identity.Identity}.md)");
        }

        index.Should().Contain("## Problems").And.Contain("point-not-customised");
        Directory.GetFiles(export.OutDirectory).Should().HaveCount(1 + (4 * export.Catalog.Identities.Count) + 1);
    }

    [Fact]
    public void The_summary_goes_to_stdout_and_progress_to_stderr()
    {
        var c = export.Catalog;
        export.Run.Stdout.Should().Contain($"points      {c.Points.Count}")
            .And.Contain($"extensions  {c.Extensions.Count}")
            .And.Contain($"identities  {c.Identities.Count}")
            .And.Contain("plugins     4 (4 loaded, 0 failed)")
            .And.Contain($"problems    {c.Problems.Count} (0 errors")
            .And.Contain($"Files written ({1 + (4 * c.Identities.Count) + 1}):")
            .And.Contain("retail.pop.mmd")
            .And.Contain("Result: written.");
        export.Run.Stderr.Should().Contain("Loading plugins from").And.Contain($"Writing {1 + (4 * c.Identities.Count) + 1} file(s)");
        export.Run.Stdout.Should().NotContain("Loading plugins");
    }

    [Fact]
    public void The_mermaid_map_of_retail_pop_routes_review_to_the_merchant()
    {
        var text = export.Map("retail.pop", ".mmd");
        text.Should().StartWith("flowchart LR\n");
        var graph = Graph.ParseMermaid(text);

        graph.Nodes.Should().Contain("pt_review_router", "review.router");
        graph.Nodes["ext_retail_pop_merchant_review"].Should().StartWith("retail-pop.merchant-review<br/>retail-pop");
        graph.Edges.Should().Contain(("act_Review", "pt_review_router"));
        graph.Edges.Should().Contain(("pt_review_router", "ext_retail_pop_merchant_review"));
        graph.EdgeLabels[("pt_review_router", "ext_retail_pop_merchant_review")].Should().Be(nameof(ResolutionSource.Declared));
    }

    [Fact]
    public void Every_mermaid_map_chains_the_four_activities_and_has_every_resolution_of_the_catalog()
    {
        foreach (var identity in export.Catalog.Identities)
        {
            var graph = Graph.ParseMermaid(export.Map(identity.Identity, ".mmd"));
            graph.Nodes["id_root"].Should().Be(identity.Identity);
            ShouldMatchCatalog(graph, identity);
        }
    }

    [Fact]
    public void Every_dot_map_is_a_digraph_with_the_same_nodes_and_edges_as_the_mermaid_map()
    {
        foreach (var identity in export.Catalog.Identities)
        {
            var text = export.Map(identity.Identity, ".dot");
            text.Should().StartWith($"digraph \"{identity.Identity}\" {{");
            text.Count(c => c == '{').Should().Be(text.Count(c => c == '}'), "braces are balanced");
            text.TrimEnd().Should().EndWith("}");

            var dot = Graph.ParseDot(text);
            var mermaid = Graph.ParseMermaid(export.Map(identity.Identity, ".mmd"));
            dot.Edges.Should().BeEquivalentTo(mermaid.Edges);
            dot.Nodes.Keys.Should().BeEquivalentTo(mermaid.Nodes.Keys);
            ShouldMatchCatalog(dot, identity);
        }
    }

    [Fact]
    public void The_markdown_map_has_a_table_per_activity()
    {
        var text = export.Map("retail.pop", ".md");
        text.Should().StartWith("# retail.pop");
        foreach (var activity in Enum.GetValues<Activity>())
        {
            text.Should().Contain($"## {activity}");
        }

        text.Should().Contain("| `review.router` |").And.Contain("`retail-pop.merchant-review`");
    }

    [Fact]
    public async Task With_json_stdout_is_one_document_with_the_summary_and_the_files()
    {
        using var folder = new TempFolder();
        var run = await TestCli.RunAsync(
            "catalog", "export", "--plugins", TestPaths.BundledPlugins, "--mappings", TestPaths.Mappings, "--format", "mermaid", "--format", "dot", "--out", folder["out"], "--json");

        run.ExitCode.Should().Be(ExitCodes.Success, run.ToString());
        var json = run.Json();
        json.GetProperty("exitCode").GetInt32().Should().Be(0);
        json.GetProperty("hasErrors").GetBoolean().Should().BeFalse();
        json.GetProperty("formats").EnumerateArray().Select(f => f.GetString()).Should().Equal("json", "mermaid", "dot");
        json.GetProperty("counts").GetProperty("plugins").GetInt32().Should().Be(4);
        var files = json.GetProperty("files").EnumerateArray().ToList();
        files.Should().Contain(f => f.GetProperty("format").GetString() == "json" && Path.GetFileName(f.GetProperty("path").GetString()) == "catalog.json");
        files.Should().Contain(f => f.GetProperty("identity").GetString() == "retail.pop" && f.GetProperty("format").GetString() == "mermaid");
        files.Should().OnlyContain(f => File.Exists(f.GetProperty("path").GetString()));
        files.Should().NotContain(f => f.GetProperty("format").GetString() == "markdown");
        Directory.GetFiles(folder["out"], "*.md").Should().BeEmpty();
        run.Stderr.Should().Contain("Loading plugins");
    }

    [Fact]
    public async Task Formats_may_be_comma_separated_and_json_is_the_default()
    {
        using var folder = new TempFolder();
        var both = await TestCli.RunAsync("catalog", "export", "--plugins", TestPaths.BundledPlugins, "--mappings", TestPaths.Mappings, "-f", "markdown,dot", "-o", folder["both"]);
        var plain = await TestCli.RunAsync("catalog", "export", "--plugins", TestPaths.BundledPlugins, "--mappings", TestPaths.Mappings, "--out", folder["plain"]);

        both.ExitCode.Should().Be(ExitCodes.Success, both.ToString());
        File.Exists(Path.Combine(folder["both"], "retail.pop.dot")).Should().BeTrue();
        File.Exists(Path.Combine(folder["both"], "index.md")).Should().BeTrue();
        Directory.GetFiles(folder["both"], "*.mmd").Should().BeEmpty();
        plain.ExitCode.Should().Be(ExitCodes.Success, plain.ToString());
        Directory.GetFiles(folder["plain"]).Select(Path.GetFileName).Should().Equal("catalog.json");
    }

    [Fact]
    public async Task An_unknown_format_is_a_usage_error()
    {
        using var folder = new TempFolder();
        var run = await TestCli.RunAsync("catalog", "export", "--plugins", TestPaths.BundledPlugins, "--mappings", TestPaths.Mappings, "--format", "png", "--out", folder["out"]);

        run.ExitCode.Should().Be(ExitCodes.Usage, run.ToString());
        run.Stderr.Should().Contain("Unknown format 'png'").And.Contain("mermaid").And.Contain("svg");
        Directory.Exists(folder["out"]).Should().BeFalse();
    }

    [Fact]
    public async Task A_missing_plugins_directory_is_a_usage_error_naming_it()
    {
        using var folder = new TempFolder();
        var missing = folder["no-such-plugins"];
        var run = await TestCli.RunAsync("catalog", "export", "--plugins", missing, "--mappings", TestPaths.Mappings, "--out", folder["out"]);

        run.ExitCode.Should().Be(ExitCodes.Usage, run.ToString());
        run.Stderr.Should().Contain($"The plugins directory (--plugins) '{missing}' does not exist.");
        run.Stderr.Should().NotContain("   at ", "expected errors have no stack trace");
        run.Stdout.Should().BeEmpty();
        Directory.Exists(folder["out"]).Should().BeFalse();
    }

    [Fact]
    public async Task A_missing_required_option_is_a_usage_error()
    {
        var run = await TestCli.RunAsync("catalog", "export", "--plugins", TestPaths.BundledPlugins, "--mappings", TestPaths.Mappings);

        run.ExitCode.Should().Be(ExitCodes.Usage, run.ToString());
        run.Stderr.Should().Contain("--out").And.Contain("reversepaas catalog export --help");
    }

    [Fact]
    public async Task Invalid_identity_mappings_are_a_usage_error_listing_every_file_path_and_reason()
    {
        using var folder = new TempFolder();
        var mappings = folder["identity-mappings"];
        TestPaths.CopyDirectory(TestPaths.Mappings, mappings);
        var rules = Path.Combine(mappings, "identities.json");
        await File.WriteAllTextAsync(rules, (await File.ReadAllTextAsync(rules))
            .Replace("\"identity\": \"retail.pop\"", "\"identity\": \"Retail POP\"", StringComparison.Ordinal)
            .Replace("\"fallback\": \"default\"", "\"fallback\": \"default\", \"colour\": \"blue\"", StringComparison.Ordinal));

        var run = await TestCli.RunAsync("catalog", "export", "--plugins", TestPaths.BundledPlugins, "--mappings", mappings, "--out", folder["out"]);
        var json = await TestCli.RunAsync("catalog", "export", "--plugins", TestPaths.BundledPlugins, "--mappings", mappings, "--out", folder["out"], "--json");

        run.ExitCode.Should().Be(ExitCodes.Usage, run.ToString());
        run.Stderr.Should().Contain($"The identity mappings in '{mappings}' are invalid")
            .And.Contain("identities.json $.rules[2].identity: ")
            .And.Contain("identities.json $.colour: ");
        run.Stderr.Should().NotContain("   at ");
        run.Stdout.Should().BeEmpty();
        Directory.Exists(folder["out"]).Should().BeFalse();

        json.ExitCode.Should().Be(ExitCodes.Usage);
        var error = json.Json();
        error.GetProperty("exitCode").GetInt32().Should().Be(2);
        error.GetProperty("details").EnumerateArray().Select(d => d.GetString()).Should()
            .Contain(d => d!.StartsWith("identities.json $.rules[2].identity: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_catalog_with_error_problems_is_still_written_and_exits_1()
    {
        using var folder = new TempFolder();
        var plugins = folder.PluginsWith(TestPaths.BundledPlugin("RetailPop"), TestPaths.FixturePlugin("ConflictingPop"));

        var run = await TestCli.RunAsync("catalog", "export", "--plugins", plugins, "--mappings", TestPaths.Mappings, "--format", "mermaid", "--out", folder["out"]);

        run.ExitCode.Should().Be(ExitCodes.Findings, run.ToString());
        run.Stdout.Should().Contain("error   conflict:").And.Contain("Result: written, but the catalog has 1 error problem(s).");
        run.Stderr.Should().Contain("the files were written anyway");
        File.Exists(Path.Combine(folder["out"], "catalog.json")).Should().BeTrue();
        var graph = Graph.ParseMermaid(await File.ReadAllTextAsync(Path.Combine(folder["out"], "retail.pop.mmd")));
        graph.EdgeLabels[("pt_review_router", "ext_retail_pop_merchant_review")].Should().Be(nameof(ResolutionSource.Conflict));
        graph.EdgeLabels[("pt_review_router", "ext_conflicting_pop_review")].Should().Be(nameof(ResolutionSource.Conflict));
    }

    private static void ShouldMatchCatalog(Graph graph, CatalogIdentity identity)
    {
        // id_root -> Application -> Interception -> Review -> Execution, in that order.
        for (var i = 1; i < ActivityChain.Length; i++)
        {
            graph.Edges.Should().Contain((ActivityChain[i - 1], ActivityChain[i]), $"{identity.Identity}: {ActivityChain[i - 1]} precedes {ActivityChain[i]}");
        }

        foreach (var resolution in identity.Resolutions)
        {
            var point = ExportedCatalog.NodeId("pt", resolution.Point);
            graph.Edges.Should().Contain(($"act_{resolution.Activity}", point), $"{identity.Identity}: {resolution.Point} belongs to {resolution.Activity}");
            foreach (var extension in resolution.Extensions)
            {
                var node = ExportedCatalog.NodeId("ext", extension);
                graph.Edges.Should().Contain((point, node), $"{identity.Identity}: {extension} serves {resolution.Point}");
                graph.EdgeLabels[(point, node)].Should().Be(resolution.Source.ToString());
            }
        }

        var expected = identity.Resolutions.Count + identity.Resolutions.Sum(r => r.Extensions.Count) + Enum.GetValues<Activity>().Length;
        graph.Edges.Should().HaveCount(expected, $"{identity.Identity}: nothing but the activities, points and extensions");
    }
}
