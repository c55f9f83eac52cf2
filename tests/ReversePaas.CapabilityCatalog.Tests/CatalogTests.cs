using ReversePaas.Kernel.Extensions;

namespace ReversePaas.CapabilityCatalog.Tests;

/// <summary>The catalog model, its problems, its maps and its diff.</summary>
public sealed class CatalogTests
{
    [Fact]
    public void The_catalog_lists_points_extensions_identities_and_says_why_each_point_resolves()
    {
        var catalog = CatalogFixtures.Catalog(withPlugin: true);

        catalog.Points.Should().HaveCount(12);
        catalog.Points.Single(p => p.Code == "review.router").KernelDefault.Should().Be("kernel.review.customer-service");
        catalog.Extensions.Should().Contain(e => e.Id == "shop-pop.router" && e.Plugin == "shop-pop" && e.Version == "2.0.0");
        var pop = catalog.FindIdentity("shop.pop")!;
        pop.Parent.Should().Be("shop");
        pop.ProducedByRule.Should().BeTrue();
        catalog.FindIdentity("shop")!.ProducedByRule.Should().BeFalse("no rule gives orders the parent identity");
        var router = pop.Resolutions.Single(r => r.Point == "review.router");
        (router.Source, router.Extensions.Single(), router.Plugins.Single()).Should().Be((ResolutionSource.Declared, "shop-pop.router", "shop-pop"));
        pop.Resolutions.Single(r => r.Point == "review.auto-approve").Source.Should().Be(ResolutionSource.KernelDefault);
        pop.Resolutions.Select(r => r.Activity).Should().BeInAscendingOrder();
    }

    [Fact]
    public void Points_no_identity_customises_are_reported_and_customised_ones_are_not()
    {
        var catalog = CatalogFixtures.Catalog(withPlugin: true);

        var quiet = catalog.Problems.Where(p => p.Code == CatalogBuilder.PointNotCustomised).Select(p => p.Point).ToList();
        quiet.Should().HaveCount(11).And.NotContain("review.router").And.Contain("execution.refund").And.Contain("execution.after-sale-event").And.Contain("execution.repair-routing").And.Contain("execution.exchange-fulfilment");
    }

    [Fact]
    public void The_mermaid_map_chains_the_four_activities_and_links_each_point_to_what_serves_it()
    {
        var catalog = CatalogFixtures.Catalog(withPlugin: true);

        var map = CatalogMaps.Mermaid(catalog, catalog.FindIdentity("shop.pop")!);

        var lines = map.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).ToList();
        lines[0].Should().Be("flowchart LR");
        var edges = lines.Where(l => l.Contains("-->", StringComparison.Ordinal)).ToHashSet();
        edges.Should().Contain(["id_root --> act_Application", "act_Application --> act_Interception", "act_Interception --> act_Review", "act_Review --> act_Execution"]);
        edges.Should().Contain("act_Review --> pt_review_router").And.Contain("pt_review_router -- Declared --> ext_shop_pop_router");
        edges.Should().Contain("pt_execution_refund -- KernelDefault --> ext_kernel_refund_original_method");
        // Every edge joins nodes the map declares.
        var declared = lines.Where(l => !l.Contains("--", StringComparison.Ordinal) && (l.Contains('[', StringComparison.Ordinal) || l.Contains('{', StringComparison.Ordinal)))
            .Select(l => l.Split('[', '{', '(')[0]).ToHashSet();
        foreach (var edge in edges)
        {
            var ends = edge.Split(["-->", "--"], StringSplitOptions.TrimEntries);
            declared.Should().Contain(ends[0]).And.Contain(ends[^1]);
        }
    }

    [Fact]
    public void The_dot_map_has_the_same_edges_and_the_markdown_one_a_table_per_activity()
    {
        var catalog = CatalogFixtures.Catalog(withPlugin: true);
        var identity = catalog.FindIdentity("shop.pop")!;

        var dot = CatalogMaps.Dot(catalog, identity);
        var markdown = CatalogMaps.Markdown(catalog, identity);

        dot.Should().StartWith("digraph \"shop.pop\" {").And.Contain("pt_review_router -> ext_shop_pop_router [label=\"Declared\"];");
        dot.Count(c => c == '{').Should().Be(dot.Count(c => c == '}'));
        markdown.Split('\n').Count(l => l.StartsWith("## ", StringComparison.Ordinal)).Should().Be(4);
        markdown.Should().Contain("| `review.router` | Single | `shop-pop.router` | shop-pop | declared by the plugin for this identity |");
    }

    [Fact]
    public void The_diff_after_removing_a_plugin_names_exactly_the_rebound_point_of_its_identity()
    {
        var before = CatalogFixtures.Catalog(withPlugin: true, generation: 1);
        var after = CatalogFixtures.Catalog(withPlugin: false, generation: 2);

        var diff = CatalogDiff.Compare(before, after);

        var change = diff.Identities.Should().ContainSingle().Subject;
        change.Identity.Should().Be("shop.pop");
        var rebound = change.Changes.Should().ContainSingle().Subject;
        (rebound.Point, rebound.Kind).Should().Be(("review.router", ChangeKind.Rebound));
        rebound.From.Should().Equal("shop-pop.router");
        rebound.To.Should().Equal("kernel.review.customer-service");
        (rebound.FromSource, rebound.ToSource).Should().Be((ResolutionSource.Declared, ResolutionSource.KernelDefault));
        CatalogDiff.Describe(diff).Should().Contain("~ review.router: shop-pop.router (Declared) -> kernel.review.customer-service (KernelDefault)");
        CatalogDiff.Compare(before, before).IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void A_catalog_survives_its_json_form_and_a_non_catalog_file_is_named_in_the_error()
    {
        var catalog = CatalogFixtures.Catalog(withPlugin: true);

        var json = CatalogJson.Serialize(catalog);
        var back = CatalogJson.Deserialize(json, "catalog.json");

        json.Should().Contain("\"source\": \"Declared\"").And.Contain("\"activity\": \"Review\"");
        CatalogDiff.Compare(catalog, back).IsEmpty.Should().BeTrue();
        var bad = () => CatalogJson.Deserialize("{ \"points\": 7 }", "old.json");
        bad.Should().Throw<InvalidDataException>().WithMessage("old.json*");
    }
}
