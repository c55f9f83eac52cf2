using System.Reflection;
using ReversePaas.Sdk.Review;

namespace ReversePaas.Sdk.Tests;

public sealed class SdkContractTests
{
    [Fact]
    public void The_version_constant_matches_the_assembly_version()
    {
        var assembly = typeof(SdkVersion).Assembly.GetName().Version!;

        SdkVersion.Text.Should().Be($"{assembly.Major}.{assembly.Minor}.{assembly.Build}");
    }

    [Fact]
    public void Every_public_class_of_the_Sdk_is_sealed_or_static()
    {
        typeof(SdkVersion).Assembly.GetExportedTypes()
            .Where(t => t.IsClass && !(t.IsAbstract && t.IsSealed))
            .Should().OnlyContain(t => t.IsSealed);
    }

    [Fact]
    public void The_review_router_point_is_declared_as_documented()
    {
        var point = typeof(IReviewRouter).GetCustomAttribute<ExtensionPointAttribute>()!;

        point.Code.Should().Be("review.router").And.Be(IReviewRouter.Code);
        point.Activity.Should().Be(Activity.Review);
        point.Combine.Should().Be(CombineMode.Single);
        point.Description.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void The_version_text_is_major_minor_patch()
    {
        SdkVersion.Text.Should().Be($"{SdkVersion.Major}.{SdkVersion.Minor}.{SdkVersion.Patch}");
        SdkVersion.Text.Should().MatchRegex(@"^\d+\.\d+\.\d+$");
        SdkVersion.Major.Should().BeGreaterThanOrEqualTo(1, "1.0.0 is the first released contract");
    }
}
