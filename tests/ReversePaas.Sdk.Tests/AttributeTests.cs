using System.Reflection;

namespace ReversePaas.Sdk.Tests;

public sealed class AttributeTests
{
    [Fact]
    public void An_extension_declares_nothing_beyond_its_id_unless_told()
    {
        var attribute = new ExtensionAttribute("retail-pop.merchant-review");

        attribute.Id.Should().Be("retail-pop.merchant-review");
        attribute.Identities.Should().BeEmpty();
        attribute.Points.Should().BeEmpty();
        attribute.Priority.Should().Be(0);
        attribute.Description.Should().BeEmpty();
    }

    [Fact]
    public void An_extension_point_keeps_code_activity_and_combine_mode()
    {
        var attribute = new ExtensionPointAttribute("interception.wms", Activity.Interception, CombineMode.Chain) { Description = "WMS" };

        attribute.Code.Should().Be("interception.wms");
        attribute.Activity.Should().Be(Activity.Interception);
        attribute.Combine.Should().Be(CombineMode.Chain);
        attribute.Description.Should().Be("WMS");
    }

    [Theory]
    [InlineData(typeof(ExtensionAttribute), AttributeTargets.Class)]
    [InlineData(typeof(ExtensionPointAttribute), AttributeTargets.Interface)]
    public void The_attributes_go_once_on_the_right_kind_of_type_and_are_not_inherited(Type attribute, AttributeTargets target)
    {
        var usage = attribute.GetCustomAttribute<AttributeUsageAttribute>()!;

        usage.ValidOn.Should().Be(target);
        usage.AllowMultiple.Should().BeFalse();
        usage.Inherited.Should().BeFalse();
    }

    [Fact]
    public void Activities_and_combine_modes_keep_their_documented_numbers()
    {
        Enum.GetValues<Activity>().Should().Equal(Activity.Application, Activity.Interception, Activity.Review, Activity.Execution);
        ((int)Activity.Execution).Should().Be(3);
        ((int)CombineMode.Single).Should().Be(0);
        ((int)CombineMode.Chain).Should().Be(1);
    }
}
