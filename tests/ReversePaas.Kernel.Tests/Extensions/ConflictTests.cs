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
}
