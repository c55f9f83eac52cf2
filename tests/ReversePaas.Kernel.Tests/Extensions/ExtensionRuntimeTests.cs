using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Tests.Support;
using static ReversePaas.Kernel.Tests.Support.SnapshotScenario;

namespace ReversePaas.Kernel.Tests.Extensions;

public sealed class ExtensionRuntimeTests
{
    [Fact]
    public void Publish_swaps_the_current_snapshot_and_returns_the_previous()
    {
        var first = new SnapshotScenario().Producing("retail.pop").Build(1);
        var second = new SnapshotScenario().With(new PopSingle()).Producing("retail.pop").Build(2);
        var runtime = new ExtensionRuntime(first);
        ExtensionSnapshot? published = null;
        runtime.Published += (_, s) => published = s;

        runtime.Publish(second).Should().BeSameAs(first);

        runtime.Current.Should().BeSameAs(second);
        published.Should().BeSameAs(second);
        runtime.Current.Single<ITestSingle>(Id("retail.pop")).Instance.Name.Should().Be("b.single");
    }

    [Fact]
    public void An_older_or_equal_generation_is_refused()
    {
        var runtime = new ExtensionRuntime(new SnapshotScenario().Build(5));

        runtime.Invoking(r => r.Publish(new SnapshotScenario().Build(5))).Should().Throw<InvalidOperationException>().WithMessage("*5*not newer*");
        runtime.Current.Generation.Should().Be(5);
    }

    [Fact]
    public void Work_holding_the_old_snapshot_keeps_the_old_behaviour_after_a_swap()
    {
        var runtime = new ExtensionRuntime(new SnapshotScenario().With(new PopSingle()).Producing("retail.pop").Build(1));
        var inFlight = runtime.Current;

        runtime.Publish(new SnapshotScenario().Producing("retail.pop").Build(2));

        inFlight.Single<ITestSingle>(Id("retail.pop")).Instance.Name.Should().Be("b.single");
        runtime.Current.Single<ITestSingle>(Id("retail.pop")).Instance.Name.Should().Be("kernel.test-single");
    }

    [Fact]
    public async Task Readers_racing_many_swaps_always_see_one_consistent_snapshot()
    {
        // Even generations route retail.pop to b.single, odd ones to the kernel default; a reader that reads
        // Current once must see the pair (generation, extension) of one snapshot, never a mix.
        ExtensionSnapshot Make(long g) => (g % 2 == 0 ? new SnapshotScenario().With(new PopSingle()) : new SnapshotScenario()).Producing("retail.pop").Build(g);
        var runtime = new ExtensionRuntime(Make(1));
        const int Swaps = 300;
        var readers = 4;
        using var start = new Barrier(readers + 1);
        var stop = 0;
        var observations = new long[readers];

        var readerTasks = Enumerable.Range(0, readers).Select(r => Task.Run(() =>
        {
            start.SignalAndWait();
            while (Volatile.Read(ref stop) == 0)
            {
                var snapshot = runtime.Current;
                var name = snapshot.Single<ITestSingle>(Id("retail.pop")).Instance.Name;
                var expected = snapshot.Generation % 2 == 0 ? "b.single" : "kernel.test-single";
                if (name != expected)
                {
                    throw new InvalidOperationException($"generation {snapshot.Generation} dispatched {name}");
                }

                observations[r]++;
            }
        })).ToArray();

        start.SignalAndWait();
        for (long g = 2; g <= Swaps + 1; g++)
        {
            runtime.Publish(Make(g));
        }

        Volatile.Write(ref stop, 1);
        await Task.WhenAll(readerTasks);

        runtime.Current.Generation.Should().Be(Swaps + 1);
        observations.Should().OnlyContain(n => n > 0);
    }
}
