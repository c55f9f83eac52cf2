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
}
