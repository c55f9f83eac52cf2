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
    public void A_refused_publish_raises_no_event_and_keeps_the_current_snapshot()
    {
        var current = new SnapshotScenario().Build(5);
        var runtime = new ExtensionRuntime(current);
        var raised = 0;
        runtime.Published += (_, _) => raised++;

        runtime.Invoking(r => r.Publish(new SnapshotScenario().Build(4))).Should().Throw<InvalidOperationException>().WithMessage("*4*not newer than the current 5*");
        runtime.Invoking(r => r.Publish(current)).Should().Throw<InvalidOperationException>();

        raised.Should().Be(0);
        runtime.Current.Should().BeSameAs(current);
        runtime.Publish(new SnapshotScenario().Build(9)).Should().BeSameAs(current, "generations may skip numbers");
        raised.Should().Be(1);
    }

    [Fact]
    public async Task Readers_racing_many_swaps_always_dispatch_the_instances_of_the_snapshot_they_read()
    {
        // Every generation has its own instances; a reader that read Current once must get instances of that
        // generation from both a single and a chain point, and never see the generation go backwards. Each
        // reader reads generation 1 before the swaps start and keeps reading until it sees the last one.
        static ExtensionSnapshot Make(long g) => new SnapshotScenario().With(new GenerationSingle(g)).With(new GenerationChain(g)).Producing("retail.pop").Build(g);
        var runtime = new ExtensionRuntime(Make(1));
        const long Last = 201;
        const int Readers = 3;
        using var start = new Barrier(Readers + 1);
        var abandon = 0;
        var dispatches = new long[Readers];
        var pop = Id("retail.pop");

        long DispatchOnce(long last)
        {
            var snapshot = runtime.Current;
            var profile = snapshot.For(pop);
            var single = (GenerationSingle)profile.Single<ITestSingle>().Instance;
            var chainHead = (GenerationChain)profile.Chain<ITestChain>().Instances[0];
            return single.Generation == snapshot.Generation && chainHead.Generation == snapshot.Generation && snapshot.Generation >= last
                ? snapshot.Generation
                : throw new InvalidOperationException(
                    $"snapshot {snapshot.Generation} (after {last}) dispatched single {single.Generation}, chain {chainHead.Generation}");
        }

        var readerTasks = Enumerable.Range(0, Readers).Select(r => Task.Run(() =>
        {
            long last;
            try
            {
                last = DispatchOnce(0);
            }
            finally
            {
                start.SignalAndWait();
            }

            last.Should().Be(1, "nothing is published before every reader has read once");
            while (last < Last && Volatile.Read(ref abandon) == 0)
            {
                last = DispatchOnce(last);
                dispatches[r]++;
            }
        })).ToArray();

        start.SignalAndWait();
        try
        {
            for (var g = 2L; g <= Last; g++)
            {
                runtime.Publish(Make(g)).Generation.Should().Be(g - 1);
            }
        }
        finally
        {
            Interlocked.Exchange(ref abandon, runtime.Current.Generation == Last ? 0 : 1);
        }

        await Task.WhenAll(readerTasks);

        runtime.Current.Generation.Should().Be(Last);
        dispatches.Should().OnlyContain(n => n > 0);
    }

    [Fact]
    public async Task Racing_publishers_never_lose_a_swap_and_the_newest_generation_wins()
    {
        // Two publishers interleave even and odd generations: each publish either replaces exactly the snapshot
        // that was current (never one another publisher already replaced) or is refused as not newer.
        var runtime = new ExtensionRuntime(new SnapshotScenario().Build(1));
        const int PerPublisher = 100;
        var snapshots = Enumerable.Range(2, PerPublisher * 2).ToDictionary(g => (long)g, g => new SnapshotScenario().Build(g));
        using var start = new Barrier(2);
        var replaced = new System.Collections.Concurrent.ConcurrentBag<(long Previous, long Next)>();
        var refused = 0;

        Task Publisher(int parity) => Task.Run(() =>
        {
            start.SignalAndWait();
            foreach (var g in snapshots.Keys.Where(g => g % 2 == parity).Order())
            {
                try
                {
                    replaced.Add((runtime.Publish(snapshots[g]).Generation, g));
                }
                catch (InvalidOperationException)
                {
                    Interlocked.Increment(ref refused);
                }
            }
        });

        await Task.WhenAll(Publisher(0), Publisher(1));

        runtime.Current.Generation.Should().Be(PerPublisher * 2 + 1);
        replaced.Should().OnlyContain(r => r.Previous < r.Next);
        replaced.Select(r => r.Previous).Should().OnlyHaveUniqueItems("two publishes cannot both replace the same snapshot");
        (replaced.Count + refused).Should().Be(PerPublisher * 2);
        var chain = replaced.ToDictionary(r => r.Previous, r => r.Next);
        var walked = 1L;
        while (chain.TryGetValue(walked, out var next))
        {
            walked = next;
        }

        walked.Should().Be(runtime.Current.Generation, "the successful publishes form one unbroken line of generations");
    }
}
