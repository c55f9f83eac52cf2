using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Tests.Support;
using static ReversePaas.Kernel.Tests.Support.SnapshotScenario;

namespace ReversePaas.Kernel.Tests.Extensions;

public sealed class ChainResolutionTests
{
    private static string[] Names(ResolvedChain<ITestChain> chain) => ChainNames.Of(chain);

    [Fact]
    public void A_chain_runs_by_priority_then_specificity_then_id_with_the_kernel_member_last()
    {
        var snapshot = new SnapshotScenario()
            .With(new RetailChain()).With(new RetailChainHigh()).With(new PopChainB()).With(new PopChain()).With(new PopChainHigh())
            .Producing("retail.pop").Build();

        var chain = snapshot.Chain<ITestChain>(Id("retail.pop"));

        Names(chain).Should().Equal("chain.pop-high", "chain.retail-high", "chain.pop", "chain.pop-b", "chain.retail", "kernel.test-chain");
        chain.Extensions.Select(e => e.Id).Should().Equal(Names(chain));
        chain.Resolution.Source.Should().Be(ResolutionSource.Declared);
    }

    [Fact]
    public void A_child_without_own_members_inherits_the_parents_chain()
    {
        var snapshot = new SnapshotScenario().With(new RetailChain()).With(new PopChain()).Producing("retail.pop", "retail.self").Build();

        var chain = snapshot.Chain<ITestChain>(Id("retail.self"));

        Names(chain).Should().Equal("chain.retail", "kernel.test-chain");
        chain.Resolution.Source.Should().Be(ResolutionSource.Inherited);
    }

    [Fact]
    public void With_nothing_declared_the_chain_is_the_kernel_member_or_empty()
    {
        Names(new SnapshotScenario().Build().Chain<ITestChain>(Id("retail"))).Should().Equal("kernel.test-chain");

        var empty = new SnapshotScenario().WithoutChainKernelMember().Build().Chain<ITestChain>(Id("retail"));
        empty.Count.Should().Be(0);
        empty.Resolution.Source.Should().Be(ResolutionSource.KernelDefault);
    }

    [Fact]
    public void A_binding_gives_the_exact_chain_in_its_order()
    {
        var snapshot = new SnapshotScenario().With(new RetailChain()).With(new PopChain()).With(new PopChainHigh())
            .Producing("retail.pop").Binding("retail.pop", "test.chain", "chain.retail", "chain.pop").Build();

        var chain = snapshot.Chain<ITestChain>(Id("retail.pop"));

        Names(chain).Should().Equal("chain.retail", "chain.pop");
        chain.Resolution.Source.Should().Be(ResolutionSource.Binding);
    }

    [Fact]
    public void An_extension_implementing_two_points_serves_both()
    {
        var snapshot = new SnapshotScenario().With(new BothPoints()).Producing("retail.self").Build();

        snapshot.Single<ITestSingle>(Id("retail.self")).Instance.Name.Should().Be("both.points");
        Names(snapshot.Chain<ITestChain>(Id("retail.self"))).Should().Equal("both.points", "kernel.test-chain");
        snapshot.FindExtension("both.points")!.Points.Select(p => p.Code).Should().BeEquivalentTo(["test.single", "test.chain"]);
    }

    [Fact]
    public void Equal_priorities_run_the_more_specific_level_first_down_to_the_default_level()
    {
        var snapshot = new SnapshotScenario().With(new DefaultChain()).With(new RetailChain()).With(new PopChain()).With(new NightChain())
            .Producing("retail.pop.night", "retail.self").Build();

        Names(snapshot.Chain<ITestChain>(Id("retail.pop.night"))).Should().Equal("chain.night", "chain.pop", "chain.retail", "chain.default", "kernel.test-chain");
        Names(snapshot.Chain<ITestChain>(Id("retail.self"))).Should().Equal("chain.retail", "chain.default", "kernel.test-chain");
        Names(snapshot.Chain<ITestChain>(Id("bmall"))).Should().Equal("chain.default", "kernel.test-chain");
    }

    [Fact]
    public void Priority_outranks_specificity_and_the_id_breaks_ties_within_one_level()
    {
        var snapshot = new SnapshotScenario().With(new NightChain()).With(new RetailChainHigh()).With(new PopChainB()).With(new PopChain())
            .Producing("retail.pop.night").Build();

        var chain = snapshot.Chain<ITestChain>(Id("retail.pop.night"));

        Names(chain).Should().Equal("chain.retail-high", "chain.night", "chain.pop", "chain.pop-b", "kernel.test-chain");
        chain.Count.Should().Be(5);
        chain.Instances.Length.Should().Be(chain.Count);
    }

    [Fact]
    public void An_extension_declaring_several_levels_runs_once_at_its_most_specific_one()
    {
        var snapshot = new SnapshotScenario().With(new RetailChain()).With(new PopChain()).With(new TwoLevelChain()).Producing("retail.pop", "retail.self").Build();

        Names(snapshot.Chain<ITestChain>(Id("retail.pop"))).Should().Equal("chain.both-levels", "chain.pop", "chain.retail", "kernel.test-chain");
        Names(snapshot.Chain<ITestChain>(Id("retail.self"))).Should().Equal("chain.both-levels", "chain.retail", "kernel.test-chain");
    }

    [Fact]
    public void The_catalog_says_where_a_chain_was_decided()
    {
        var snapshot = new SnapshotScenario().With(new RetailChain()).With(new PopChain()).Producing("retail.pop", "retail.self", "bmall.intent").Build();

        var declared = snapshot.Chain<ITestChain>(Id("retail.pop")).Resolution;
        declared.Source.Should().Be(ResolutionSource.Declared);
        declared.DecidedAt.Should().Be(Id("retail.pop"));
        declared.ViaBinding.Should().BeFalse();

        var inherited = snapshot.Chain<ITestChain>(Id("retail.self")).Resolution;
        inherited.Source.Should().Be(ResolutionSource.Inherited);
        inherited.DecidedAt.Should().Be(Id("retail"), "an inherited chain names the parent it came from, like an inherited single");

        var kernel = snapshot.Chain<ITestChain>(Id("bmall.intent")).Resolution;
        kernel.Source.Should().Be(ResolutionSource.KernelDefault);
        kernel.DecidedAt.IsDefault.Should().BeTrue();
        kernel.Extensions.Select(e => e.Id).Should().Equal("kernel.test-chain");
    }

    [Fact]
    public void A_parents_chain_binding_is_inherited_exactly_without_the_kernel_member()
    {
        var snapshot = new SnapshotScenario().With(new BoundOnlyChain()).With(new RetailChain())
            .Producing("retail.pop").Binding("retail", "test.chain", "chain.unbound", "chain.retail").Build();

        var chain = snapshot.Chain<ITestChain>(Id("retail.pop"));

        Names(chain).Should().Equal("chain.unbound", "chain.retail");
        chain.Extensions.Select(e => e.Id).Should().Equal("chain.unbound", "chain.retail");
        chain.Resolution.Source.Should().Be(ResolutionSource.Inherited);
        chain.Resolution.DecidedAt.Should().Be(Id("retail"));
        chain.Resolution.ViaBinding.Should().BeTrue();
        snapshot.Chain<ITestChain>(Id("retail")).Resolution.Source.Should().Be(ResolutionSource.Binding);
        Names(snapshot.Chain<ITestChain>(Id("bmall"))).Should().Equal("kernel.test-chain");
    }

    [Fact]
    public void Members_a_child_declares_run_ahead_of_a_chain_bound_on_its_parent()
    {
        var snapshot = new SnapshotScenario().With(new BoundOnlyChain()).With(new RetailChain()).With(new PopChain())
            .Producing("retail.pop").Binding("retail", "test.chain", "chain.unbound", "chain.retail").Build();

        var chain = snapshot.Chain<ITestChain>(Id("retail.pop"));

        Names(chain).Should().Equal("chain.pop", "chain.unbound", "chain.retail");
        chain.Resolution.Source.Should().Be(ResolutionSource.Declared);
        chain.Resolution.ViaBinding.Should().BeTrue();
        Names(snapshot.Chain<ITestChain>(Id("retail"))).Should().Equal("chain.unbound", "chain.retail");
    }

    [Fact]
    public void An_extension_listed_twice_in_a_chain_binding_runs_once_and_is_reported()
    {
        var snapshot = new SnapshotScenario().With(new RetailChain()).With(new PopChain())
            .Producing("retail.pop").Binding("retail.pop", "test.chain", "chain.pop", "chain.retail", "chain.pop").Build();

        Names(snapshot.Chain<ITestChain>(Id("retail.pop"))).Should().Equal("chain.pop", "chain.retail");
        snapshot.Problems.Should().ContainSingle(p => p.Code == "binding-duplicate-extension" && p.Severity == ProblemSeverity.Warning);
    }

    [Fact]
    public void A_chain_binding_may_place_the_kernel_member_anywhere()
    {
        var snapshot = new SnapshotScenario().With(new PopChain()).Producing("retail.pop").Binding("retail.pop", "test.chain", "kernel.test-chain", "chain.pop").Build();

        Names(snapshot.Chain<ITestChain>(Id("retail.pop"))).Should().Equal("kernel.test-chain", "chain.pop");
        snapshot.Problems.Should().BeEmpty();
    }

    [Fact]
    public void A_chain_binding_naming_one_missing_extension_is_ignored_whole_and_the_declared_chain_runs()
    {
        var snapshot = new SnapshotScenario().With(new PopChain()).With(new RetailChain())
            .Producing("retail.pop").Binding("retail.pop", "test.chain", "chain.retail", "chain.gone").Build();

        var problem = snapshot.Problems.Should().ContainSingle().Subject;
        problem.Code.Should().Be("binding-unknown-extension");
        problem.Message.Should().Contain("chain.gone");
        var chain = snapshot.Chain<ITestChain>(Id("retail.pop"));
        Names(chain).Should().Equal("chain.pop", "chain.retail", "kernel.test-chain");
        chain.Resolution.ViaBinding.Should().BeFalse();
    }

    [Fact]
    public void Points_limits_a_class_implementing_two_points_to_the_one_it_names()
    {
        var snapshot = new SnapshotScenario().With(new BothPointsServingOne()).Producing("retail.self").Build();

        snapshot.Single<ITestSingle>(Id("retail.self")).Instance.Name.Should().Be("points.only-single");
        Names(snapshot.Chain<ITestChain>(Id("retail.self"))).Should().Equal("kernel.test-chain");
        snapshot.Problems.Should().BeEmpty();
    }

    [Fact]
    public void Asking_for_a_chain_of_a_point_this_snapshot_does_not_register_is_a_clear_error()
    {
        var singleOnly = new ExtensionSnapshotBuilder().AddPoint<ITestSingle>(new KernelSingle()).Build(1);

        singleOnly.For(Id("retail")).Invoking(p => p.Chain<ITestChain>()).Should().Throw<InvalidOperationException>()
            .WithMessage("*ITestChain*not an extension point registered*");
        singleOnly.Invoking(s => s.Chain<IUnregisteredPoint>(Id("retail"))).Should().Throw<InvalidOperationException>()
            .WithMessage("*IUnregisteredPoint*not an extension point registered*");
        singleOnly.Single<ITestSingle>(Id("retail")).Instance.Name.Should().Be("kernel.test-single");
    }
}
