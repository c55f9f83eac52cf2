using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Tests.Support;
using static ReversePaas.Kernel.Tests.Support.SnapshotScenario;

namespace ReversePaas.Kernel.Tests.Extensions;

public sealed class SingleResolutionTests
{
    [Fact]
    public void Nothing_declared_means_the_kernel_default_serves_every_identity()
    {
        var snapshot = new SnapshotScenario().Producing("retail.pop").Build();

        var resolved = snapshot.Single<ITestSingle>(Id("retail.pop"));

        resolved.Instance.Name.Should().Be("kernel.test-single");
        resolved.Resolution.Source.Should().Be(ResolutionSource.KernelDefault);
        resolved.Resolution.DecidedAt.IsDefault.Should().BeTrue();
        resolved.Extension.Origin.IsKernel.Should().BeTrue();
    }

    [Fact]
    public void An_extension_declared_for_the_identity_serves_it()
    {
        var snapshot = new SnapshotScenario().With(new PopSingle()).Producing("retail.pop").Build();

        var resolved = snapshot.Single<ITestSingle>(Id("retail.pop"));

        resolved.Instance.Name.Should().Be("b.single");
        resolved.Resolution.Source.Should().Be(ResolutionSource.Declared);
        resolved.Resolution.DecidedAt.Should().Be(Id("retail.pop"));
        resolved.Resolution.ViaBinding.Should().BeFalse();
        resolved.Extension.Origin.Should().Be(PluginA);
    }

    [Fact]
    public void A_parent_declaration_is_inherited_by_a_child_without_its_own()
    {
        var snapshot = new SnapshotScenario().With(new RetailSingle()).Producing("retail.pop", "retail.self").Build();

        var resolved = snapshot.Single<ITestSingle>(Id("retail.self"));

        resolved.Instance.Name.Should().Be("a.single");
        resolved.Resolution.Source.Should().Be(ResolutionSource.Inherited);
        resolved.Resolution.DecidedAt.Should().Be(Id("retail"));
        resolved.Resolution.ViaBinding.Should().BeFalse();
    }

    [Fact]
    public void The_most_specific_declaration_beats_the_parents()
    {
        var snapshot = new SnapshotScenario().With(new RetailSingle()).With(new PopSingle()).Producing("retail.pop", "retail.self").Build();

        snapshot.Single<ITestSingle>(Id("retail.pop")).Instance.Name.Should().Be("b.single");
        snapshot.Single<ITestSingle>(Id("retail.self")).Instance.Name.Should().Be("a.single");
        snapshot.Single<ITestSingle>(Id("retail")).Resolution.Source.Should().Be(ResolutionSource.Declared);
    }

    [Fact]
    public void A_binding_at_the_identity_beats_a_declaration_at_the_identity()
    {
        var snapshot = new SnapshotScenario().With(new PopSingle()).With(new BoundOnlySingle())
            .Producing("retail.pop").Binding("retail.pop", "test.single", "bound.single").Build();

        var resolved = snapshot.Single<ITestSingle>(Id("retail.pop"));

        resolved.Instance.Name.Should().Be("bound.single");
        resolved.Resolution.Source.Should().Be(ResolutionSource.Binding);
        resolved.Resolution.ViaBinding.Should().BeTrue();
        snapshot.Problems.Should().BeEmpty();
    }

    [Fact]
    public void A_declaration_at_the_identity_beats_a_binding_on_its_parent()
    {
        var snapshot = new SnapshotScenario().With(new PopSingle()).With(new BoundOnlySingle())
            .Producing("retail.pop", "retail.self").Binding("retail", "test.single", "bound.single").Build();

        snapshot.Single<ITestSingle>(Id("retail.pop")).Instance.Name.Should().Be("b.single");
        var inherited = snapshot.Single<ITestSingle>(Id("retail.self"));
        inherited.Instance.Name.Should().Be("bound.single");
        inherited.Resolution.Source.Should().Be(ResolutionSource.Inherited);
        inherited.Resolution.ViaBinding.Should().BeTrue();
        inherited.Resolution.DecidedAt.Should().Be(Id("retail"));
    }

    [Fact]
    public void A_binding_may_select_the_kernel_default_explicitly()
    {
        var snapshot = new SnapshotScenario().With(new PopSingle())
            .Producing("retail.pop").Binding("retail.pop", "test.single", "kernel.test-single").Build();

        var resolved = snapshot.Single<ITestSingle>(Id("retail.pop"));

        resolved.Instance.Name.Should().Be("kernel.test-single");
        resolved.Resolution.Source.Should().Be(ResolutionSource.Binding);
    }

    [Fact]
    public void An_identity_the_snapshot_does_not_know_falls_back_to_its_nearest_known_ancestor()
    {
        var snapshot = new SnapshotScenario().With(new FreshSingle()).Producing("daojia.fresh").Build();

        var profile = snapshot.For(Id("daojia.fresh.night.market"));

        profile.Identity.Should().Be(Id("daojia.fresh"));
        profile.Single<ITestSingle>().Instance.Name.Should().Be("fresh.single");
        snapshot.For(Id("unheard.of")).Identity.IsDefault.Should().BeTrue();
    }

    [Fact]
    public void Every_known_identity_and_its_parents_has_a_profile()
    {
        var snapshot = new SnapshotScenario().With(new FreshSingle()).Producing("retail.pop", "bmall.intent").Build();

        snapshot.Identities.Select(i => i.Identity.Value).Should()
            .BeEquivalentTo(["default", "retail", "retail.pop", "bmall", "bmall.intent", "daojia", "daojia.fresh"]);
    }

    [Fact]
    public void Asking_a_chain_point_for_a_single_extension_or_an_unregistered_point_is_a_clear_error()
    {
        var profile = new SnapshotScenario().Build().For(Id("retail"));

        profile.Invoking(p => p.Single<ITestChain>()).Should().Throw<InvalidOperationException>().WithMessage("*test.chain*Chain<T>()*");
        profile.Invoking(p => p.Chain<ITestSingle>()).Should().Throw<InvalidOperationException>().WithMessage("*test.single*Single<T>()*");
        profile.Invoking(p => p.Single<IUnregisteredPoint>()).Should().Throw<InvalidOperationException>().WithMessage("*IUnregisteredPoint*not an extension point registered*");
    }
}
