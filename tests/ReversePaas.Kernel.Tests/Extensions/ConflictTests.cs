using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Tests.Support;
using static ReversePaas.Kernel.Tests.Support.SnapshotScenario;

namespace ReversePaas.Kernel.Tests.Extensions;

public sealed class ConflictTests
{
    [Fact]
    public void Two_equal_priority_extensions_for_one_identity_conflict_and_dispatch_fails_naming_both()
    {
        var snapshot = new SnapshotScenario().With(new PopSingle(), PluginA).With(new PopSingleRival(), PluginB).Producing("retail.pop").Build();

        var resolution = snapshot.For(Id("retail.pop")).Find("test.single")!;
        resolution.Source.Should().Be(ResolutionSource.Conflict);
        resolution.Extensions.Select(e => e.Id).Should().Equal("b.single", "c.single");

        var act = () => snapshot.Single<ITestSingle>(Id("retail.pop"));
        act.Should().Throw<ExtensionConflictException>()
            .WithMessage("*test.single*retail.pop*'b.single' (plugin 'plugin-a' 1.0.0)*'c.single' (plugin 'plugin-b' 2.1.0)*");
    }

    [Fact]
    public void A_conflict_is_reported_once_as_an_error_naming_both_extensions()
    {
        var snapshot = new SnapshotScenario().With(new DaojiaSingle()).With(new DaojiaSingleRival()).Producing("daojia.fresh", "daojia.veg").Build();

        var conflict = snapshot.Problems.Should().ContainSingle(p => p.Code == "conflict").Subject;
        conflict.Severity.Should().Be(ProblemSeverity.Error);
        conflict.Identity.Should().Be("daojia");
        conflict.Point.Should().Be("test.single");
        conflict.Message.Should().Contain("daojia.single").And.Contain("daojia.single-rival");
        snapshot.HasErrors.Should().BeTrue();
    }

    [Fact]
    public void A_higher_priority_wins_without_a_conflict()
    {
        var snapshot = new SnapshotScenario().With(new PopSingle()).With(new PopSingleRival()).With(new PopSingleHighPriority()).Producing("retail.pop").Build();

        snapshot.Single<ITestSingle>(Id("retail.pop")).Instance.Name.Should().Be("d.single");
        snapshot.Problems.Should().BeEmpty();
    }

    [Fact]
    public void A_child_with_its_own_extension_is_not_affected_by_a_parent_conflict_but_one_without_inherits_it()
    {
        var snapshot = new SnapshotScenario().With(new DaojiaSingle()).With(new DaojiaSingleRival()).With(new FreshSingle())
            .Producing("daojia.fresh", "daojia.veg", "retail.pop").Build();

        snapshot.Single<ITestSingle>(Id("daojia.fresh")).Instance.Name.Should().Be("fresh.single");
        snapshot.Invoking(s => s.Single<ITestSingle>(Id("daojia.veg"))).Should().Throw<ExtensionConflictException>();
        snapshot.Single<ITestSingle>(Id("retail.pop")).Instance.Name.Should().Be("kernel.test-single", "other lines keep working");
    }

    [Fact]
    public void A_binding_settles_a_conflict()
    {
        var snapshot = new SnapshotScenario().With(new PopSingle()).With(new PopSingleRival())
            .Producing("retail.pop").Binding("retail.pop", "test.single", "c.single").Build();

        snapshot.Single<ITestSingle>(Id("retail.pop")).Instance.Name.Should().Be("c.single");
        snapshot.Problems.Should().BeEmpty();
    }

    [Fact]
    public void Three_equal_candidates_are_all_named_and_a_lower_priority_one_is_not()
    {
        var snapshot = new SnapshotScenario()
            .With(new PopSingleThirdRival()).With(new PopSingle()).With(new PopSingleLowPriority()).With(new PopSingleRival(), PluginB)
            .Producing("retail.pop").Build();

        var failure = snapshot.Invoking(s => s.Single<ITestSingle>(Id("retail.pop"))).Should().Throw<ExtensionConflictException>().Which;

        failure.Resolution.Extensions.Select(e => e.Id).Should().Equal("b.single", "c.single", "e.single");
        failure.Message.Should().Contain("'b.single'").And.Contain("'c.single'").And.Contain("'e.single'").And.NotContain("f.single");
        failure.Resolution.Should().BeSameAs(snapshot.For(Id("retail.pop")).Find("test.single"));
        snapshot.Problems.Should().ContainSingle(p => p.Code == "conflict").Which.Message.Should().Contain("e.single").And.NotContain("f.single");
    }

    [Fact]
    public void A_child_without_its_own_declaration_inherits_the_conflict_decided_at_the_parent()
    {
        var snapshot = new SnapshotScenario().With(new DaojiaSingle()).With(new DaojiaSingleRival(), PluginB).Producing("daojia.veg").Build();

        var inherited = snapshot.For(Id("daojia.veg")).Find("test.single")!;

        inherited.Source.Should().Be(ResolutionSource.Conflict);
        inherited.IsConflict.Should().BeTrue();
        inherited.Identity.Should().Be(Id("daojia.veg"));
        inherited.DecidedAt.Should().Be(Id("daojia"));
        inherited.ViaBinding.Should().BeFalse();
        inherited.ConflictMessage.Should().Contain("daojia.veg").And.Contain("'daojia.single' (plugin 'plugin-a' 1.0.0)").And.Contain("'daojia.single-rival' (plugin 'plugin-b' 2.1.0)");
        snapshot.Invoking(s => s.Single<ITestSingle>(Id("daojia.veg"))).Should().Throw<ExtensionConflictException>()
            .WithMessage("*daojia.single*daojia.single-rival*");
        snapshot.Invoking(s => s.Single<ITestSingle>(Id("daojia.veg.night"))).Should().Throw<ExtensionConflictException>("an unknown child falls back onto the conflict too");
        snapshot.Problems.Where(p => p.Code == "conflict").Should().ContainSingle("the conflict is reported once, where it is declared");
    }

    [Fact]
    public void A_conflict_at_the_identity_outranks_a_binding_on_its_parent()
    {
        var snapshot = new SnapshotScenario().With(new PopSingle()).With(new PopSingleRival()).With(new BoundOnlySingle())
            .Producing("retail.pop", "retail.self").Binding("retail", "test.single", "bound.single").Build();

        snapshot.For(Id("retail.pop")).Find("test.single")!.Source.Should().Be(ResolutionSource.Conflict);
        snapshot.Single<ITestSingle>(Id("retail.self")).Instance.Name.Should().Be("bound.single");
    }

    [Fact]
    public void A_conflict_at_a_single_point_leaves_the_chain_point_of_that_identity_working()
    {
        var snapshot = new SnapshotScenario().With(new PopSingle()).With(new PopSingleRival()).With(new PopChain()).Producing("retail.pop").Build();

        snapshot.Invoking(s => s.Single<ITestSingle>(Id("retail.pop"))).Should().Throw<ExtensionConflictException>();
        ChainNames.Of(snapshot.Chain<ITestChain>(Id("retail.pop"))).Should().Equal("chain.pop", "kernel.test-chain");
    }

    [Fact]
    public void Conflicts_in_two_branches_are_each_reported_with_their_own_identity()
    {
        var snapshot = new SnapshotScenario().With(new PopSingle()).With(new PopSingleRival()).With(new DaojiaSingle()).With(new DaojiaSingleRival())
            .Producing("retail.pop", "daojia.fresh").Build();

        snapshot.Problems.Where(p => p.Code == "conflict").Select(p => p.Identity).Should().BeEquivalentTo(["retail.pop", "daojia"]);
        snapshot.Problems.Should().OnlyContain(p => p.Severity == ProblemSeverity.Error && p.Point == "test.single");
    }
}
