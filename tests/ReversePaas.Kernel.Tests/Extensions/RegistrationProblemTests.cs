using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Tests.Support;
using static ReversePaas.Kernel.Tests.Support.SnapshotScenario;

namespace ReversePaas.Kernel.Tests.Extensions;

public sealed class RegistrationProblemTests
{
    private static ExtensionProblem SingleProblem(object extension, string code, ExtensionOrigin? origin = null)
    {
        var builder = new SnapshotScenario().Builder();
        builder.AddExtension(origin ?? PluginA, extension);
        var snapshot = builder.Build(1);
        return snapshot.Problems.Should().ContainSingle(p => p.Code == code).Subject;
    }

    [Fact]
    public void A_class_without_the_Extension_attribute_is_rejected()
    {
        var builder = new SnapshotScenario().Builder();

        builder.AddExtension(PluginA, new NotAnExtension()).Should().BeFalse();

        builder.Build(1).Problems.Should().ContainSingle(p => p.Code == "extension-missing-attribute" && p.Source == "plugin-a");
    }

    [Fact]
    public void An_invalid_id_is_rejected_with_the_rule()
    {
        SingleProblem(new InvalidIdSingle(), "extension-invalid-id").Message.Should().Contain("Bad_Id").And.Contain("lowercase");
    }

    [Fact]
    public void A_duplicate_id_from_another_plugin_is_rejected_naming_both_origins()
    {
        var builder = new SnapshotScenario().Builder();
        builder.AddExtension(PluginA, new PopSingle()).Should().BeTrue();

        builder.AddExtension(PluginB, new PopSingle()).Should().BeFalse();

        var snapshot = builder.Build(1);
        snapshot.Problems.Should().ContainSingle(p => p.Code == "extension-duplicate-id").Which.Message
            .Should().Contain("plugin-a").And.Contain("plugin-b").And.Contain("b.single");
        snapshot.FindExtension("b.single")!.Origin.Should().Be(PluginA);
    }

    [Fact]
    public void Points_naming_an_unknown_code_or_an_unimplemented_contract_are_reported()
    {
        SingleProblem(new UnknownPointSingle(), "extension-unknown-point").Message.Should().Contain("no.such.point").And.Contain("test.single");
        SingleProblem(new ClaimsChainButIsSingle(), "extension-contract-missing").Message.Should().Contain("ITestChain");
    }

    [Fact]
    public void A_class_serving_no_registered_point_is_rejected()
    {
        SingleProblem(new ImplementsNothing(), "extension-serves-no-point").Message.Should().Contain("no.points");
        var snapshot = new SnapshotScenario().With(new UnregisteredPointServer()).Build();
        snapshot.Problems.Select(p => p.Code).Should().BeEquivalentTo(["extension-unknown-point", "extension-serves-no-point"]);
        snapshot.FindExtension("unregistered.point").Should().BeNull();
    }

    [Fact]
    public void An_invalid_identity_is_ignored_and_reported_while_the_valid_ones_serve()
    {
        var snapshot = new SnapshotScenario().With(new BadIdentitySingle()).Build();

        snapshot.Problems.Should().ContainSingle(p => p.Code == "extension-invalid-identity").Which.Message.Should().Contain("Retail..Pop");
        snapshot.Single<ITestSingle>(Id("retail.self")).Instance.Name.Should().Be("bad.identity");
    }

    [Fact]
    public void Kernel_points_cannot_be_registered_twice_or_without_the_attribute()
    {
        var builder = new ExtensionSnapshotBuilder().AddPoint<ITestSingle>(new KernelSingle());

        builder.Invoking(b => b.AddPoint<ITestSingle>(new KernelSingle())).Should().Throw<ArgumentException>().WithMessage("*test.single*twice*");
        builder.Invoking(b => b.AddPoint<IDisposable>(new MemoryStream())).Should().Throw<ArgumentException>().WithMessage("*no [ExtensionPoint]*");
    }

    [Fact]
    public void The_snapshot_lists_points_by_activity_and_every_extension_with_its_attribution()
    {
        var snapshot = new SnapshotScenario().With(new PopSingle()).Build();

        snapshot.Points.Select(p => p.Code).Should().Equal("test.chain", "test.single");
        var extension = snapshot.FindExtension("b.single")!;
        extension.ImplementationType.Should().Be(typeof(PopSingle).FullName);
        extension.AssemblyName.Should().Be("ReversePaas.Kernel.Tests");
        extension.Identities.Should().Equal(Id("retail.pop"));
        snapshot.Extensions.Select(e => e.Id).Should().Equal("b.single", "kernel.test-chain", "kernel.test-single");
    }

    [Fact]
    public void Every_rejected_extension_is_left_out_and_the_kernel_default_keeps_serving()
    {
        var builder = new SnapshotScenario().Builder();
        builder.AddExtension(PluginA, new InvalidIdSingle()).Should().BeFalse();
        builder.AddExtension(PluginA, new ImplementsNothing()).Should().BeFalse();
        builder.AddExtension(PluginA, new UnregisteredPointServer()).Should().BeFalse();
        builder.AddExtension(PluginA, new NotAnExtension()).Should().BeFalse();

        var snapshot = builder.Build(1);

        snapshot.Extensions.Select(e => e.Id).Should().Equal("kernel.test-chain", "kernel.test-single");
        snapshot.Single<ITestSingle>(Id("retail")).Instance.Name.Should().Be("kernel.test-single");
        snapshot.Problems.Should().OnlyContain(p => p.Severity == ProblemSeverity.Error && p.Source == "plugin-a");
        snapshot.HasErrors.Should().BeTrue();
    }

    [Fact]
    public void A_duplicate_id_within_one_plugin_is_rejected_too()
    {
        var builder = new SnapshotScenario().Builder();
        builder.AddExtension(PluginA, new PopSingle()).Should().BeTrue();

        builder.AddExtension(PluginA, new PopSingle()).Should().BeFalse();

        var snapshot = builder.Build(1);
        snapshot.Problems.Should().ContainSingle(p => p.Code == "extension-duplicate-id");
        snapshot.Extensions.Count(e => e.Id == "b.single").Should().Be(1);
        snapshot.Single<ITestSingle>(Id("retail.pop")).Resolution.Source.Should().Be(ResolutionSource.Declared, "the first registration serves alone, no conflict with itself");
    }

    [Fact]
    public void A_plugin_cannot_take_the_id_of_a_kernel_default()
    {
        var builder = new SnapshotScenario().Builder();

        builder.AddExtension(PluginA, new KernelIdImpostor()).Should().BeFalse();

        var snapshot = builder.Build(1);
        snapshot.Problems.Should().ContainSingle(p => p.Code == "extension-duplicate-id").Which.Message
            .Should().Contain("kernel.test-single").And.Contain("plugin-a").And.Contain("kernel");
        snapshot.Extensions.Count(e => e.Id == "kernel.test-single").Should().Be(1);
        snapshot.FindExtension("kernel.test-single")!.Origin.IsKernel.Should().BeTrue();
        snapshot.Single<ITestSingle>(Id("retail")).Instance.Name.Should().Be("kernel.test-single");
    }

    [Fact]
    public void Naming_a_point_twice_in_Points_serves_it_once_without_a_conflict_with_itself()
    {
        var snapshot = new SnapshotScenario().With(new DuplicatePointsSingle()).Build();

        snapshot.Problems.Should().BeEmpty();
        snapshot.FindExtension("dup.points")!.Points.Select(p => p.Code).Should().Equal("test.single");
        snapshot.Single<ITestSingle>(Id("retail")).Instance.Name.Should().Be("dup.points");
    }

    [Fact]
    public void An_unknown_code_among_valid_Points_is_reported_while_the_valid_point_is_served()
    {
        var builder = new SnapshotScenario().Builder();

        builder.AddExtension(PluginA, new PartlyUnknownPoints()).Should().BeTrue();

        var snapshot = builder.Build(1);
        var problem = snapshot.Problems.Should().ContainSingle().Subject;
        problem.Code.Should().Be("extension-unknown-point");
        problem.Point.Should().Be("no.such.point");
        snapshot.Single<ITestSingle>(Id("retail")).Instance.Name.Should().Be("points.partial");
    }

    [Fact]
    public void Naming_a_point_the_class_does_not_implement_leaves_it_out_entirely()
    {
        var builder = new SnapshotScenario().Builder();

        builder.AddExtension(PluginB, new ClaimsChainButIsSingle()).Should().BeFalse();

        var snapshot = builder.Build(1);
        snapshot.Problems.Select(p => p.Code).Should().BeEquivalentTo(["extension-contract-missing", "extension-serves-no-point"]);
        snapshot.Problems.Should().OnlyContain(p => p.Source == "plugin-b");
        snapshot.FindExtension("points.not-implemented").Should().BeNull();
        ChainNames.Of(snapshot.Chain<ITestChain>(Id("retail"))).Should().Equal("kernel.test-chain");
    }

    [Fact]
    public void Problems_added_by_the_loader_are_kept_in_the_snapshot()
    {
        var loaderProblem = new ExtensionProblem(ProblemSeverity.Error, "plugin-load-failed", "plugin-x did not load.", Source: "plugin-x");

        var snapshot = new SnapshotScenario().Builder().AddProblem(loaderProblem).Build(1);

        snapshot.Problems.Should().Equal(loaderProblem);
        snapshot.HasErrors.Should().BeTrue();
        new SnapshotScenario().Builder().AddProblem(loaderProblem with { Severity = ProblemSeverity.Warning }).Build(1).HasErrors.Should().BeFalse();
    }
}
