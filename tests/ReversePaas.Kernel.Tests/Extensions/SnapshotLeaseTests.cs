using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Tests.Support;

namespace ReversePaas.Kernel.Tests.Extensions;

public sealed class SnapshotLeaseTests
{
    [Fact]
    public async Task A_lease_keeps_its_snapshot_current_in_its_flow_and_retirement_waits_for_its_release()
    {
        var first = new SnapshotScenario().Build(1);
        var runtime = new ExtensionRuntime(first);
        var drained = 0;

        var lease = runtime.Lease();
        runtime.Publish(new SnapshotScenario().Build(2));
        first.Retire(() => drained++);

        runtime.Current.Should().BeSameAs(first, "the unit of work finishes on the snapshot it started on");
        runtime.Latest.Generation.Should().Be(2);
        (await Task.Run(() => runtime.Current.Generation)).Should().Be(1, "the lease flows into work the unit started");
        first.IsDrained.Should().BeFalse();
        drained.Should().Be(0);

        lease.Dispose();
        lease.Dispose();

        drained.Should().Be(1, "the last release retires the replaced snapshot, once");
        first.IsDrained.Should().BeTrue();
        runtime.Current.Generation.Should().Be(2, "without a lease the flow reads the published snapshot");
        lease.Snapshot.Should().BeNull();
    }

    [Fact]
    public void A_snapshot_retired_without_leases_drains_at_once_and_is_never_leased_again()
    {
        var first = new SnapshotScenario().Build(1);
        var runtime = new ExtensionRuntime(first);
        runtime.Publish(new SnapshotScenario().Build(2));
        var drained = 0;

        first.Retire(() => drained++);

        drained.Should().Be(1);
        using var lease = runtime.Lease();
        lease.Snapshot!.Generation.Should().Be(2);
        first.Invoking(s => s.Retire(() => drained++)).Should().Throw<InvalidOperationException>().WithMessage("*already retired*");
    }

    [Fact]
    public void Nested_leases_restore_the_outer_one()
    {
        var runtime = new ExtensionRuntime(new SnapshotScenario().Build(1));
        using var outer = runtime.Lease();
        runtime.Publish(new SnapshotScenario().Build(2));

        using (var inner = runtime.Lease())
        {
            inner.Snapshot!.Generation.Should().Be(2);
            runtime.Current.Generation.Should().Be(2);
        }

        runtime.Current.Generation.Should().Be(1);
    }

    [Fact]
    public async Task Under_concurrent_leases_and_reloads_no_held_snapshot_is_ever_drained_and_each_retired_one_drains_once()
    {
        const int Reloads = 300;
        var runtime = new ExtensionRuntime(new SnapshotScenario().Build(1));
        var drains = new int[Reloads + 2];
        var heldWhileDrained = 0;
        var leases = 0L;
        using var stop = new CancellationTokenSource();
        var workerCount = Math.Max(4, Environment.ProcessorCount * 2);
        using var started = new CountdownEvent(workerCount);

        var workers = Enumerable.Range(0, workerCount).Select(_ => Task.Factory.StartNew(() =>
        {
            started.Signal();
            while (!stop.IsCancellationRequested)
            {
                using var lease = runtime.Lease();
                Interlocked.Increment(ref leases);
                Thread.SpinWait(50);
                if (lease.Snapshot!.IsDrained || Volatile.Read(ref drains[lease.Snapshot.Generation]) != 0)
                {
                    Interlocked.Increment(ref heldWhileDrained);
                }
            }
        }, TaskCreationOptions.LongRunning)).ToList();

        // The reloads only prove something while the workers lease: on a busy test machine the pool
        // may start them late, so wait for all of them and let each reload see new leases before the next.
        started.Wait(TimeSpan.FromMinutes(1)).Should().BeTrue("every worker starts");
        for (var generation = 2; generation <= Reloads + 1; generation++)
        {
            var previous = runtime.Publish(new SnapshotScenario().Build(generation));
            var retired = (int)previous.Generation;
            previous.Retire(() => Interlocked.Increment(ref drains[retired]));
            var seen = Interlocked.Read(ref leases);
            SpinWait.SpinUntil(() => Interlocked.Read(ref leases) > seen + 1, TimeSpan.FromSeconds(30));
        }

        await stop.CancelAsync();
        await Task.WhenAll(workers);

        heldWhileDrained.Should().Be(0, "a snapshot never drains while a lease holds it");
        drains[1..(Reloads + 1)].Should().OnlyContain(d => d == 1, "every replaced snapshot drains exactly once after its last lease");
        drains[Reloads + 1].Should().Be(0, "the current snapshot is not retired");
        leases.Should().BeGreaterThan(Reloads * 2, "the workers really leased between the reloads");
    }
}
