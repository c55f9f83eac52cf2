using ReversePaas.Kernel.Tests.Support;
using static ReversePaas.Kernel.Tests.Support.SnapshotScenario;

namespace ReversePaas.Kernel.Tests.Extensions;

public sealed class DispatchTableTests
{
    [Fact]
    public void One_shot_dispatch_answers_exactly_what_the_identity_profile_answers_for_every_identity()
    {
        var snapshot = new SnapshotScenario()
            .With(new RetailSingle()).With(new PopSingleHighPriority()).With(new FreshSingle())
            .With(new RetailChain()).With(new PopChain()).With(new PopChainHigh())
            .Producing("retail.pop", "retail.self", "daojia.fresh", "bmall.intent").Build();

        snapshot.Identities.Should().HaveCountGreaterThan(5);
        foreach (var profile in snapshot.Identities)
        {
            var single = snapshot.Single<ITestSingle>(profile.Identity);
            single.Instance.Should().BeSameAs(profile.Single<ITestSingle>().Instance, profile.Identity.Value);
            single.Resolution.Should().BeSameAs(profile.Find("test.single"));

            var chain = snapshot.Chain<ITestChain>(profile.Identity);
            chain.Instances.ToArray().Should().Equal(profile.Chain<ITestChain>().Instances.ToArray());
            chain.Resolution.Should().BeSameAs(profile.Find("test.chain"));
        }
    }

    [Fact]
    public void One_shot_dispatch_of_a_conflicting_identity_still_throws_and_other_modes_still_refuse()
    {
        var snapshot = new SnapshotScenario().With(new PopSingle()).With(new PopSingleRival()).Producing("retail.pop").Build();

        snapshot.Invoking(s => s.Single<ITestSingle>(Id("retail.pop"))).Should().Throw<Kernel.Extensions.ExtensionConflictException>();
        snapshot.Invoking(s => s.Single<ITestChain>(Id("retail.pop"))).Should().Throw<InvalidOperationException>();
        snapshot.Invoking(s => s.Chain<ITestSingle>(Id("retail.pop"))).Should().Throw<InvalidOperationException>();
    }
}
