using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Tests.Support;
using static ReversePaas.Kernel.Tests.Support.SnapshotScenario;

namespace ReversePaas.Kernel.Tests.Extensions;

public sealed class ChainResolutionTests
{
    private static string[] Names(ResolvedChain<ITestChain> chain)
    {
        var names = new List<string>();
        foreach (var member in chain.Instances)
        {
            names.Add(member.Name);
        }

        return [.. names];
    }

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
}
