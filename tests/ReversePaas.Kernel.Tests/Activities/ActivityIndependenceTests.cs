using System.Text.RegularExpressions;
using ReversePaas.Kernel.Activities;

namespace ReversePaas.Kernel.Tests.Activities;

/// <summary>
/// The activities (application, interception, review, execution) stand beside each other: none takes or calls another,
/// and each changes state through <see cref="AfterSaleWork"/>, the one lock → load → change → save path. What two of
/// them share is a step of its own (<see cref="InterceptionStep"/>).
/// </summary>
public sealed partial class ActivityIndependenceTests
{
    private static readonly Type[] Activities = [.. typeof(AfterSaleWork).Assembly.GetExportedTypes()
        .Where(t => t.Namespace == typeof(AfterSaleWork).Namespace && t.Name.EndsWith("Activity", StringComparison.Ordinal))];

    [Fact]
    public void No_activity_takes_another_activity()
    {
        Activities.Select(a => a.Name).Should().BeEquivalentTo(["ApplicationActivity", "InterceptionActivity", "ReviewActivity", "ExecutionActivity"]);

        foreach (var activity in Activities)
        {
            activity.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.ParameterType)
                .Should().NotContain(t => Activities.Contains(t), $"{activity.Name} must not depend on another activity")
                .And.Contain(typeof(AfterSaleWork), $"{activity.Name} changes state through AfterSaleWork");
        }
    }

    [Fact]
    public void No_activity_calls_another_activity()
    {
        var folder = Path.Combine(RepositoryFolders.Root, "kernel", "ReversePaas.Kernel", "Activities");
        foreach (var activity in Activities)
        {
            var source = File.ReadAllText(Path.Combine(folder, activity.Name + ".cs"));
            ActivityReference().Matches(source).Select(m => m.Groups[1].Value).Where(name => name != activity.Name)
                .Should().BeEmpty($"{activity.Name} must not call into another activity");
        }
    }

    [Fact]
    public void No_activity_takes_the_order_lock_itself()
    {
        foreach (var activity in Activities)
        {
            activity.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.ParameterType)
                .Should().NotContain(typeof(IOrderLock), $"{activity.Name} takes the lock through AfterSaleWork");
        }
    }

    [GeneratedRegex(@"\b(\w+Activity)\.")]
    private static partial Regex ActivityReference();
}
