using ReversePaas.Kernel.Tests.Support;
using static ReversePaas.Kernel.Tests.Support.SnapshotScenario;

namespace ReversePaas.Kernel.Tests.Extensions;

public sealed class DispatchAllocationTests
{
    [Fact]
    public void Single_and_chain_dispatch_allocate_nothing()
    {
        var snapshot = new SnapshotScenario().With(new PopSingle()).With(new RetailChain()).With(new PopChain()).Producing("retail.pop").Build();
        var known = Id("retail.pop");
        var unknown = Id("retail.pop.night-market");
        var sink = 0;
        sink += Dispatch(snapshot, known) + Dispatch(snapshot, unknown);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            sink += Dispatch(snapshot, known) + Dispatch(snapshot, unknown);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.Should().Be(0);
        sink.Should().Be(1_001 * 2 * ("b.single".Length + "chain.pop".Length + "chain.retail".Length + "kernel.test-chain".Length));
    }

    private static int Dispatch(Kernel.Extensions.ExtensionSnapshot snapshot, Sdk.BusinessIdentity identity)
    {
        var profile = snapshot.For(identity);
        var total = profile.Single<ITestSingle>().Instance.Name.Length;
        foreach (var member in profile.Chain<ITestChain>().Instances)
        {
            total += member.Name.Length;
        }

        return total;
    }
}
