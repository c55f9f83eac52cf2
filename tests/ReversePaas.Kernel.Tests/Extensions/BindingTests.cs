using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Identity;
using ReversePaas.Kernel.Tests.Support;
using ReversePaas.Sdk;
using static ReversePaas.Kernel.Tests.Support.SnapshotScenario;

namespace ReversePaas.Kernel.Tests.Extensions;

public sealed class BindingTests
{
    [Theory]
    [InlineData("no.point", "bound.single", "binding-unknown-point")]
    [InlineData("test.single", "no.such.extension", "binding-unknown-extension")]
    [InlineData("test.chain", "bound.single", "binding-extension-wrong-point")]
    public void A_binding_that_cannot_apply_is_reported_and_ignored(string point, string extension, string code)
    {
        var snapshot = new SnapshotScenario().With(new BoundOnlySingle()).Producing("retail.pop").Binding("retail.pop", point, extension).Build();

        var problem = snapshot.Problems.Should().ContainSingle().Subject;
        problem.Code.Should().Be(code);
        problem.Severity.Should().Be(ProblemSeverity.Error);
        problem.Source.Should().Be("bindings/retail.pop.json");
        problem.Identity.Should().Be("retail.pop");
        snapshot.Single<ITestSingle>(Id("retail.pop")).Instance.Name.Should().Be("kernel.test-single");
    }

    [Fact]
    public void A_single_point_bound_to_two_extensions_is_reported()
    {
        var snapshot = new SnapshotScenario().With(new BoundOnlySingle()).With(new PopSingle())
            .Producing("retail.pop").Binding("retail.pop", "test.single", "bound.single", "b.single").Build();

        snapshot.Problems.Should().ContainSingle(p => p.Code == "binding-single-needs-one");
        snapshot.Single<ITestSingle>(Id("retail.pop")).Instance.Name.Should().Be("b.single");
    }

    [Fact]
    public void A_binding_for_an_identity_no_rule_produces_is_reported()
    {
        var snapshot = new SnapshotScenario().With(new BoundOnlySingle()).Producing("retail.pop").Binding("retail.popp", "test.single", "bound.single").Build();

        snapshot.Problems.Should().ContainSingle(p => p.Code == "binding-unknown-identity").Which.Message.Should().Contain("retail.popp");
    }

    [Fact]
    public void A_declaration_for_an_identity_no_rule_produces_is_a_warning()
    {
        var snapshot = new SnapshotScenario().With(new GhostIdentitySingle()).Producing("retail.pop").Build();

        var warning = snapshot.Problems.Should().ContainSingle().Subject;
        warning.Code.Should().Be("identity-not-produced");
        warning.Severity.Should().Be(ProblemSeverity.Warning);
        snapshot.HasErrors.Should().BeFalse();
    }

    [Fact]
    public void Settings_merge_down_the_hierarchy_with_the_child_winning()
    {
        var snapshot = new SnapshotScenario().Producing("retail.pop", "retail.self")
            .Settings("retail", ("review.timeoutHours", "24"), ("returns.windowDays", "7"))
            .Settings("retail.pop", ("review.timeoutHours", "48")).Build();

        var pop = snapshot.For(Id("retail.pop")).Settings;
        pop.GetInt32("review.timeoutHours", 0).Should().Be(48);
        pop.GetInt32("returns.windowDays", 0).Should().Be(7);
        snapshot.For(Id("retail.self")).Settings.GetInt32("review.timeoutHours", 0).Should().Be(24);
        snapshot.For(Id("bmall")).Settings.Values.Should().BeEmpty();
    }

    [Fact]
    public void A_single_point_bound_to_no_extension_is_reported_and_ignored()
    {
        var snapshot = new SnapshotScenario().With(new PopSingle()).Producing("retail.pop").Binding("retail.pop", "test.single").Build();

        var problem = snapshot.Problems.Should().ContainSingle().Subject;
        problem.Code.Should().Be("binding-single-needs-one");
        problem.Message.Should().Contain("0 extensions");
        problem.Point.Should().Be("test.single");
        snapshot.Single<ITestSingle>(Id("retail.pop")).Resolution.Source.Should().Be(ResolutionSource.Declared);
    }

    [Fact]
    public void A_binding_may_pick_an_extension_declared_for_another_identity()
    {
        var snapshot = new SnapshotScenario().With(new PopSingle()).Producing("retail.pop", "retail.self").Binding("retail.self", "test.single", "b.single").Build();

        var resolved = snapshot.Single<ITestSingle>(Id("retail.self"));

        resolved.Instance.Should().BeSameAs(snapshot.Single<ITestSingle>(Id("retail.pop")).Instance, "one shared instance per extension");
        resolved.Resolution.Source.Should().Be(ResolutionSource.Binding);
        snapshot.Problems.Should().BeEmpty();
    }

    [Fact]
    public void A_binding_for_a_parent_of_a_produced_identity_is_accepted()
    {
        var snapshot = new SnapshotScenario().With(new BoundOnlySingle()).Producing("retail.pop").Binding("retail", "test.single", "bound.single").Build();

        snapshot.Problems.Should().BeEmpty();
        snapshot.Single<ITestSingle>(Id("retail.pop")).Instance.Name.Should().Be("bound.single");
    }

    [Fact]
    public void An_ignored_binding_for_an_unproduced_identity_applies_neither_extensions_nor_settings()
    {
        var snapshot = new SnapshotScenario().With(new BoundOnlySingle()).Producing("retail.pop")
            .Binding("retail.pop.vip", "test.single", "bound.single").Settings("retail.pop.vip", ("review.timeoutHours", "1")).Build();

        snapshot.Problems.Where(p => p.Code == "binding-unknown-identity").Should().HaveCount(2)
            .And.OnlyContain(p => p.Identity == "retail.pop.vip" && p.Source == "bindings/retail.pop.vip.json");
        var vip = snapshot.For(Id("retail.pop.vip"));
        vip.Single<ITestSingle>().Instance.Name.Should().Be("kernel.test-single");
        vip.Settings.TryGetValue("review.timeoutHours", out _).Should().BeFalse("the binding file was reported as ignored");
    }

    [Fact]
    public void A_declaration_for_a_parent_of_a_produced_identity_or_for_the_default_is_not_a_warning()
    {
        var snapshot = new SnapshotScenario().With(new RetailSingle()).With(new DefaultDeclaredSingle()).Producing("retail.pop").Build();

        snapshot.Problems.Should().BeEmpty();
    }

    [Fact]
    public void The_unproduced_identity_warning_names_extension_identity_and_plugin_and_the_extension_still_resolves()
    {
        var snapshot = new SnapshotScenario().With(new GhostIdentitySingle(), PluginB).Producing("retail.pop").Build();

        var warning = snapshot.Problems.Should().ContainSingle().Subject;
        warning.Identity.Should().Be("ghost.line");
        warning.Source.Should().Be("plugin-b");
        warning.Message.Should().Contain("ghost.single").And.Contain("plugin-b");
        snapshot.Single<ITestSingle>(Id("ghost.line")).Instance.Name.Should().Be("ghost.single");
    }

    [Fact]
    public void Without_mappings_nothing_is_checked_against_the_rules()
    {
        var snapshot = new SnapshotScenario().With(new GhostIdentitySingle()).Build();

        snapshot.Problems.Should().BeEmpty();
    }

    [Fact]
    public void Problems_of_the_rules_themselves_reach_the_snapshot()
    {
        var rules = new IdentityRuleSet(
            [new IdentityRule(Id("retail"), new IdentityCondition(), "catch-all", "identities.json#/rules/0"),
             new IdentityRule(Id("retail.pop"), new IdentityCondition(venderType: ["Pop"]), "pop", "identities.json#/rules/1")],
            BusinessIdentity.Default);

        var snapshot = new SnapshotScenario().Builder().UseMappings(new IdentityMappings(rules, [])).Build(1);

        snapshot.Problems.Should().ContainSingle(p => p.Code == "identity-rule-unreachable").Which.Source.Should().Be("identities.json#/rules/1");
        snapshot.HasErrors.Should().BeFalse();
    }

    [Fact]
    public void Settings_merge_over_three_levels_and_the_default()
    {
        var snapshot = new SnapshotScenario().Producing("daojia.fresh.night", "bmall.intent")
            .Settings("default", ("returns.windowDays", "7"), ("photos.required", "false"), ("currency", "CNY"))
            .Settings("daojia", ("returns.windowDays", "1"), ("photos.required", "true"))
            .Settings("daojia.fresh.night", ("returns.windowDays", "0")).Build();

        var night = snapshot.For(Id("daojia.fresh.night")).Settings;
        night.Values.Should().BeEquivalentTo(new Dictionary<string, string> { ["returns.windowDays"] = "0", ["photos.required"] = "true", ["currency"] = "CNY" });
        snapshot.For(Id("daojia.fresh")).Settings.GetInt32("returns.windowDays", -1).Should().Be(1);
        snapshot.For(Id("bmall.intent")).Settings.GetBoolean("photos.required", true).Should().BeFalse();
        snapshot.For(Id("daojia.fresh.night.late")).Settings.GetInt32("returns.windowDays", -1).Should().Be(0, "an unknown child uses its nearest known ancestor's settings");
        snapshot.Problems.Should().BeEmpty();
    }
}
