using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Telemetry.Usage;
using ReversePaas.Kernel.Tests.Support;
using ReversePaas.Sdk;
using static ReversePaas.Kernel.Tests.Support.SnapshotScenario;

namespace ReversePaas.Kernel.Tests.Telemetry;

/// <summary>
/// The catalog's usage figures (<see cref="ExtensionUsage"/>): calls and failures counted through real dispatch, a
/// 15-minute window that rolls with the host's clock, p95 from the latency bins, no lost count under contention, and
/// no allocation per call.
/// </summary>
public sealed class ExtensionUsageTests
{
    private readonly StepClock _clock = new();

    private (ExtensionUsage Usage, Resolved<ITestSingle> Resolved) Serve(ScriptedSingle extension)
    {
        var snapshot = new SnapshotScenario().With(extension).Producing("retail.pop").Build();
        var usage = new ExtensionUsage(_clock);
        _ = new ExtensionRuntime(snapshot, usage: usage);
        return (usage, snapshot.Single<ITestSingle>(Id("retail.pop")));
    }

    private static string Call(Resolved<ITestSingle> resolved) => resolved.Invoke(0, static (single, _) => single.Name);

    private static UsageFigures Cell(ExtensionUsage usage)
        => usage.Read().Single(f => f is { Identity: "retail.pop", Point: "test.single", Extension: "scripted.single" });

    [Fact]
    public void Calls_and_failures_are_counted_per_cell_and_every_resolved_cell_is_listed_even_unused()
    {
        var fail = false;
        var (usage, resolved) = Serve(new ScriptedSingle(() => fail ? throw new InvalidOperationException("down") : "ok"));

        for (var i = 0; i < 7; i++)
        {
            Call(resolved);
        }

        fail = true;
        for (var i = 0; i < 2; i++)
        {
            resolved.Invoking(Call).Should().Throw<ExtensionFailedException>();
        }

        var cell = Cell(usage);
        cell.Plugin.Should().Be(PluginA.PluginId);
        cell.Calls.Should().Be(9);
        cell.Failures.Should().Be(2);
        cell.P95Ms.Should().NotBeNull().And.BeGreaterThan(0);
        var unused = usage.Read().Where(f => f.Identity != "retail.pop" || f.Point != "test.single").ToList();
        unused.Should().NotBeEmpty("the kernel's defaults of the other cells are listed too").And.OnlyContain(f => f.Calls == 0 && f.Failures == 0 && f.P95Ms == null);
    }

    [Fact]
    public void The_window_keeps_the_last_15_minutes_and_drops_older_minutes_as_the_clock_moves()
    {
        var (usage, resolved) = Serve(new ScriptedSingle(() => "ok"));
        for (var i = 0; i < 3; i++)
        {
            Call(resolved);
        }

        _clock.Advance(TimeSpan.FromMinutes(14));
        Cell(usage).Calls.Should().Be(3, "14 minutes later the first minute is still in the window");
        Call(resolved);
        Call(resolved);
        Cell(usage).Calls.Should().Be(5);

        _clock.Advance(TimeSpan.FromMinutes(1));
        Cell(usage).Calls.Should().Be(2, "15 minutes on, the first minute has left the window");

        // The bucket of the first minute is reused for this one: it must start empty.
        Call(resolved);
        Cell(usage).Calls.Should().Be(3);

        _clock.Advance(TimeSpan.FromMinutes(15));
        var idle = Cell(usage);
        idle.Calls.Should().Be(0);
        idle.P95Ms.Should().BeNull();
    }

    [Fact]
    public void A_published_snapshot_counts_into_the_same_cells_so_figures_survive_a_reload()
    {
        var extension = new ScriptedSingle(() => "ok");
        var first = new SnapshotScenario().With(extension).Producing("retail.pop").Build(generation: 1);
        var usage = new ExtensionUsage(_clock);
        var runtime = new ExtensionRuntime(first, usage: usage);
        Call(first.Single<ITestSingle>(Id("retail.pop")));

        var second = new SnapshotScenario().With(extension).Producing("retail.pop").Build(generation: 2);
        runtime.Publish(second);
        Call(second.Single<ITestSingle>(Id("retail.pop")));
        Call(second.Single<ITestSingle>(Id("retail.pop")));

        Cell(usage).Calls.Should().Be(3, "the reload's snapshot counts into the cell the first one used");
        usage.Read().Count(f => f is { Identity: "retail.pop", Point: "test.single" }).Should().Be(1);
    }

    [Fact]
    public void P95_is_the_upper_bound_of_the_latency_bin_of_the_95th_call()
    {
        P95((95, 1_000), (5, 500_000)).Should().Be(1.024, "the 95th of 100 calls took 1 ms; its bin ends at 1024 µs");
        P95((94, 1_000), (6, 500_000)).Should().Be(524.288, "the 95th call is a slow one; its bin is [491520, 524288) µs");
        P95([.. Enumerable.Range(1, 100).Select(ms => (1, ms * 1_000L))]).Should().Be(98.304, "95 ms lies in [90112, 98304) µs");
        P95((1, 3)).Should().Be(0.004, "below 8 µs each microsecond is a bin");
        new UsageCell("i", "p", "x", "e").Read(0).P95Ms.Should().BeNull();
    }

    [Fact]
    public void A_latency_bin_bounds_its_durations_within_an_eighth()
    {
        for (long micros = 0; micros < 2_000_000; micros += 1 + (micros / 97))
        {
            var bin = LatencyBins.Of(micros);
            var upper = LatencyBins.UpperBound(bin);
            upper.Should().BeGreaterThan(micros);
            (bin == 0 || LatencyBins.UpperBound(bin - 1) <= micros).Should().BeTrue($"{micros} µs is above the bin before {bin}");
            ((double)upper).Should().BeLessThanOrEqualTo(Math.Max(micros * 1.125, micros + 1));
        }

        LatencyBins.Of(long.MaxValue).Should().Be(LatencyBins.Count - 1, "beyond the last bin everything lands in it");
    }

    [Fact]
    public void Many_threads_recording_at_once_lose_no_count()
    {
        const int Threads = 8;
        const int CallsPerThread = 20_000;
        var calls = 0;
        var (usage, resolved) = Serve(new ScriptedSingle(() => Interlocked.Increment(ref calls) % 10 == 0 ? throw new InvalidOperationException("every tenth") : "ok"));
        using var start = new Barrier(Threads);

        var workers = Enumerable.Range(0, Threads).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < CallsPerThread; i++)
            {
                try
                {
                    Call(resolved);
                }
                catch (ExtensionFailedException)
                {
                    // Every tenth call fails on purpose: counted as a failure.
                }
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        var cell = Cell(usage);
        cell.Calls.Should().Be(Threads * CallsPerThread);
        cell.Failures.Should().Be(Threads * CallsPerThread / 10);
    }

    [Fact]
    public void Recording_a_call_allocates_nothing()
    {
        var (usage, resolved) = Serve(new ScriptedSingle(() => "ok"));
        var sink = Call(resolved).Length;

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            sink += Call(resolved).Length;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        allocated.Should().Be(0);
        sink.Should().Be(1_001 * "ok".Length);
        Cell(usage).Calls.Should().Be(1_001, "every call was counted");
    }

    private static double? P95(params (int Count, long Micros)[] calls)
    {
        var cell = new UsageCell("retail.pop", "test.single", "plugin-a", "scripted.single");
        foreach (var (count, micros) in calls)
        {
            for (var i = 0; i < count; i++)
            {
                cell.Record(minute: 100, micros, failed: false);
            }
        }

        return cell.Read(100).P95Ms;
    }

    [Extension("scripted.single", Identities = ["retail.pop"])]
    private sealed class ScriptedSingle(Func<string> behaviour) : ITestSingle
    {
        public string Name => behaviour();
    }

    // Starts on a minute boundary so that "14 minutes later" cannot cross one minute more than meant.
    private sealed class StepClock : TimeProvider
    {
        private long _ticks = new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero).UtcTicks;

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}
