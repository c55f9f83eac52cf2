using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Tests.Support;
using ReversePaas.Sdk;
using static ReversePaas.Kernel.Tests.Support.SnapshotScenario;

namespace ReversePaas.Kernel.Tests.Extensions;

/// <summary>
/// One snapshot with every rank of the Single resolution order in it, read the way the capability catalog
/// reads it (Source, DecidedAt, ViaBinding) and the way dispatch does (the instance), which must agree.
/// </summary>
public sealed class ResolutionCatalogTests
{
    // retail        declared a.single          retail.pop    declared b.single (beats retail's declaration)
    // retail.self   declared self.single AND bound to bound.single (binding beats declaration at one level)
    // retail.outlet nothing of its own         -> inherits retail's declaration
    // daojia        bound to bound.single      daojia.fresh  declared fresh.single (beats daojia's binding)
    // daojia.veg    nothing of its own         -> inherits daojia's binding
    // bmall.intent  nothing anywhere           -> kernel default
    private static readonly ExtensionSnapshot Catalog = new SnapshotScenario()
        .With(new RetailSingle()).With(new PopSingle()).With(new SelfSingle()).With(new FreshSingle()).With(new BoundOnlySingle())
        .Producing("retail.pop", "retail.self", "retail.outlet", "daojia.fresh", "daojia.veg", "bmall.intent")
        .Binding("retail.self", "test.single", "bound.single")
        .Binding("daojia", "test.single", "bound.single")
        .Build();

    [Theory]
    [InlineData("retail.pop", "b.single", ResolutionSource.Declared, "retail.pop", false)]
    [InlineData("retail.self", "bound.single", ResolutionSource.Binding, "retail.self", true)]
    [InlineData("retail.outlet", "a.single", ResolutionSource.Inherited, "retail", false)]
    [InlineData("retail", "a.single", ResolutionSource.Declared, "retail", false)]
    [InlineData("daojia", "bound.single", ResolutionSource.Binding, "daojia", true)]
    [InlineData("daojia.fresh", "fresh.single", ResolutionSource.Declared, "daojia.fresh", false)]
    [InlineData("daojia.veg", "bound.single", ResolutionSource.Inherited, "daojia", true)]
    [InlineData("bmall.intent", "kernel.test-single", ResolutionSource.KernelDefault, "default", false)]
    [InlineData("bmall", "kernel.test-single", ResolutionSource.KernelDefault, "default", false)]
    [InlineData("default", "kernel.test-single", ResolutionSource.KernelDefault, "default", false)]
    public void Each_rank_of_the_resolution_order_is_reported_as_it_dispatches(
        string identity, string serving, ResolutionSource source, string decidedAt, bool viaBinding)
    {
        var resolved = Catalog.Single<ITestSingle>(Id(identity));
        var listed = Catalog.For(Id(identity)).Find("test.single")!;

        resolved.Instance.Name.Should().Be(serving);
        resolved.Extension.Id.Should().Be(serving);
        listed.Should().BeSameAs(resolved.Resolution, "the catalog shows the very object dispatch uses");
        listed.Identity.Should().Be(Id(identity));
        listed.Source.Should().Be(source);
        listed.DecidedAt.Value.Should().Be(decidedAt);
        listed.ViaBinding.Should().Be(viaBinding);
        listed.IsConflict.Should().BeFalse();
        listed.ConflictMessage.Should().BeNull();
        listed.Extensions.Select(e => e.Id).Should().Equal(serving);
    }

    [Fact]
    public void The_rich_snapshot_has_no_problems_so_the_table_above_is_not_hiding_any()
    {
        Catalog.Problems.Should().BeEmpty();
    }

    [Theory]
    [InlineData("daojia.fresh.night", "daojia.fresh", "fresh.single")]
    [InlineData("daojia.fresh.night.market", "daojia.fresh", "fresh.single")]
    [InlineData("daojia.meat", "daojia", "bound.single")]
    [InlineData("retail.pop.night", "retail.pop", "b.single")]
    [InlineData("retailx", "default", "kernel.test-single")]
    [InlineData("unheard.of.line", "default", "kernel.test-single")]
    public void An_unknown_identity_dispatches_as_its_nearest_known_ancestor(string unknown, string ancestor, string serving)
    {
        var profile = Catalog.For(Id(unknown));

        profile.Should().BeSameAs(Catalog.For(Id(ancestor)));
        profile.Identity.Value.Should().Be(ancestor);
        profile.Single<ITestSingle>().Instance.Name.Should().Be(serving);
        Catalog.Single<ITestSingle>(Id(unknown)).Instance.Name.Should().Be(serving);
    }

    [Fact]
    public void A_declaration_on_the_default_identity_is_inherited_by_everyone_and_is_not_the_kernel_default()
    {
        var snapshot = new SnapshotScenario().With(new DefaultDeclaredSingle()).With(new PopSingle()).Producing("retail.pop", "bmall.intent").Build();

        var bmall = snapshot.Single<ITestSingle>(Id("bmall.intent"));
        bmall.Instance.Name.Should().Be("default.single");
        bmall.Resolution.Source.Should().Be(ResolutionSource.Inherited);
        bmall.Resolution.DecidedAt.IsDefault.Should().BeTrue();
        bmall.Extension.Origin.IsKernel.Should().BeFalse();

        var root = snapshot.Single<ITestSingle>(BusinessIdentity.Default);
        root.Instance.Name.Should().Be("default.single");
        root.Resolution.Source.Should().Be(ResolutionSource.Declared);
        snapshot.Single<ITestSingle>(Id("retail.pop")).Instance.Name.Should().Be("b.single");
    }

    [Fact]
    public void A_binding_on_a_grandparent_is_inherited_two_levels_down()
    {
        var snapshot = new SnapshotScenario().With(new BoundOnlySingle()).With(new RetailSingle())
            .Producing("daojia.fresh.night").Binding("daojia", "test.single", "bound.single").Build();

        var resolved = snapshot.Single<ITestSingle>(Id("daojia.fresh.night"));

        resolved.Instance.Name.Should().Be("bound.single");
        resolved.Resolution.Source.Should().Be(ResolutionSource.Inherited);
        resolved.Resolution.DecidedAt.Should().Be(Id("daojia"));
        resolved.Resolution.ViaBinding.Should().BeTrue();
        snapshot.Single<ITestSingle>(Id("retail")).Instance.Name.Should().Be("a.single", "the binding stays in its own branch");
    }

    [Fact]
    public void Every_profile_lists_every_point_once_ordered_by_activity_then_code()
    {
        var profile = Catalog.For(Id("retail.pop"));

        profile.Resolutions.Select(r => r.Point.Code).Should().Equal("test.chain", "test.single");
        profile.Find("test.chain")!.Point.Combine.Should().Be(CombineMode.Chain);
        profile.Find("no.such.point").Should().BeNull();
        Catalog.Identities.Select(i => i.Identity.Value).Should().BeInAscendingOrder(StringComparer.Ordinal);
        Catalog.Identities.Should().OnlyContain(i => i.Resolutions.Count == 2);
    }
}
