using ReversePaas.Kernel.Defaults;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Tests.Support;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Review;
using static ReversePaas.Kernel.Tests.Support.SnapshotScenario;

namespace ReversePaas.Kernel.Tests.Extensions;

public sealed class SnapshotBuilderTests
{
    [Fact]
    public void Registering_a_single_point_as_a_chain_is_refused_and_leaves_the_builder_usable()
    {
        var builder = new ExtensionSnapshotBuilder();

        builder.Invoking(b => b.AddChainPoint<ITestSingle>(new KernelSingle())).Should().Throw<ArgumentException>()
            .WithMessage("*test.single*Single*AddPoint*");

        builder.AddPoint<ITestSingle>(new KernelSingle());
        var snapshot = builder.Build(1);
        snapshot.Points.Select(p => p.Code).Should().Equal("test.single");
        snapshot.Single<ITestSingle>(Id("retail")).Instance.Name.Should().Be("kernel.test-single");
    }

    [Fact]
    public void A_second_contract_with_a_code_already_registered_is_refused()
    {
        var builder = new ExtensionSnapshotBuilder().AddPoint<ITestSingle>(new KernelSingle());

        builder.Invoking(b => b.AddPoint<ISameCodeAsTestSingle>(new SameCodeKernel())).Should().Throw<ArgumentException>().WithMessage("*'test.single'*twice*");
    }

    [Fact]
    public void A_kernel_default_without_an_Extension_attribute_gets_an_id_from_the_point_code()
    {
        var snapshot = new ExtensionSnapshotBuilder().AddPoint<ITestSingle>(new NotAnExtension()).Build(1);

        var kernel = snapshot.Points.Should().ContainSingle().Subject.KernelDefault!;
        kernel.Id.Should().Be("kernel.test.single");
        kernel.Description.Should().Contain("test.single");
        kernel.Origin.Should().BeSameAs(ExtensionOrigin.Kernel);
        kernel.Priority.Should().Be(int.MinValue);
        kernel.Identities.Should().BeEmpty();
        snapshot.Single<ITestSingle>(Id("retail")).Instance.Name.Should().Be("not-an-extension");
    }

    [Fact]
    public void The_kernel_registers_review_router_with_customer_service_as_default()
    {
        var snapshot = KernelExtensionPoints.CreateBuilder().Build(1);

        var point = snapshot.FindPoint(IReviewRouter.Code)!;
        point.Contract.Should().Be<IReviewRouter>();
        point.Activity.Should().Be(Activity.Review);
        point.Combine.Should().Be(CombineMode.Single);
        point.Description.Should().NotBeNullOrWhiteSpace();
        point.ToString().Should().Be("review.router");
        point.KernelDefault!.Id.Should().Be("kernel.review.customer-service");

        var resolved = snapshot.Single<IReviewRouter>(Id("retail.pop"));
        resolved.Extension.Should().BeSameAs(point.KernelDefault);
        resolved.Instance.Should().BeOfType<CustomerServiceReviewRouter>();
        var context = new ReviewRoutingContext(Id("retail.pop"), AfterSaleType.RefundOnly, 10m, IdentitySettings.Empty);
        resolved.Instance.Route(context).Should().Be(Reviewer.CustomerService);
        snapshot.Problems.Should().BeEmpty();
    }

    [Fact]
    public void Descriptors_carry_the_attribution_error_messages_use()
    {
        var snapshot = new SnapshotScenario().With(new PopSingleHighPriority(), PluginB).Build();

        var extension = snapshot.FindExtension("d.single")!;
        extension.Priority.Should().Be(5);
        extension.DisplayName.Should().Be("'d.single' (plugin 'plugin-b' 2.1.0)");
        extension.ToString().Should().Be(extension.DisplayName);
        extension.Serves(snapshot.FindPoint("test.single")!).Should().BeTrue();
        extension.Serves(snapshot.FindPoint("test.chain")!).Should().BeFalse();
        snapshot.FindExtension("kernel.test-single")!.DisplayName.Should().Be("'kernel.test-single' (kernel)");
        snapshot.FindPoint("no.such.point").Should().BeNull();
        snapshot.FindExtension("no.such.extension").Should().BeNull();
    }

    [Fact]
    public void Origins_know_the_kernel_from_plugins()
    {
        ExtensionOrigin.Kernel.IsKernel.Should().BeTrue();
        ExtensionOrigin.Kernel.PluginId.Should().Be(ExtensionOrigin.KernelId);
        ExtensionOrigin.Kernel.ToString().Should().Be("kernel");
        PluginA.IsKernel.Should().BeFalse();
        PluginA.ToString().Should().Be("plugin 'plugin-a' 1.0.0");
        new ExtensionOrigin("plugin-a", "1.0.0").Should().Be(PluginA);
    }

    [Fact]
    public void Building_twice_gives_independent_snapshots_that_share_the_extension_instances()
    {
        var builder = new SnapshotScenario().With(new PopSingle()).Producing("retail.pop").Builder();

        var first = builder.Build(1);
        var second = builder.Build(2);

        first.Generation.Should().Be(1);
        second.Generation.Should().Be(2);
        second.Should().NotBeSameAs(first);
        second.Single<ITestSingle>(Id("retail.pop")).Instance.Should().BeSameAs(first.Single<ITestSingle>(Id("retail.pop")).Instance);
        second.Problems.Should().BeEquivalentTo(first.Problems);
    }

    [Fact]
    public void The_default_identity_always_has_a_profile_even_with_nothing_registered()
    {
        var snapshot = new ExtensionSnapshotBuilder().Build(1);

        snapshot.Identities.Should().ContainSingle().Which.Identity.IsDefault.Should().BeTrue();
        snapshot.For(Id("retail.pop")).Identity.IsDefault.Should().BeTrue();
        snapshot.For(Id("retail.pop")).Resolutions.Should().BeEmpty();
        snapshot.Problems.Should().BeEmpty();
    }

    private sealed class SameCodeKernel : ISameCodeAsTestSingle
    {
        public string Name => "same-code";
    }
}
