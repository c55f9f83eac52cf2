using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Tests.Support;
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
}
