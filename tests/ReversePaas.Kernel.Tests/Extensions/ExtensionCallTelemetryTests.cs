using System.Diagnostics;
using System.Diagnostics.Metrics;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Extensions.Budget;
using ReversePaas.Kernel.Telemetry;
using ReversePaas.Kernel.Tests.Support;
using ReversePaas.Sdk;
using static ReversePaas.Kernel.Tests.Support.SnapshotScenario;
using Activity = System.Diagnostics.Activity;

namespace ReversePaas.Kernel.Tests.Extensions;

/// <summary>
/// What an observed (metered and traced) asynchronous extension call reports, whether it completes at once or later:
/// one count with its outcome, a span under the caller's activity, and the caller's <see cref="Activity.Current"/> left
/// as it was. What it allocates is measured, not asserted (docs/benchmarks.md, "Telemetry"). The meter and the sources
/// are per process, so the listeners here count only this class's extension (<see cref="MeteredSingle"/>); the tests of
/// this class run one after another (xUnit runs a class's tests serially), so they do not see each other's calls.
/// </summary>
public sealed class ExtensionCallTelemetryTests : IDisposable
{
    private const string ExtensionId = "metered.single";
    private readonly MeterListener _meter = new();
    private readonly ActivityListener _tracer;
    private readonly List<string> _outcomes = [];
    private readonly List<Activity> _spans = [];
    private readonly Resolved<ITestSingle> _resolved;

    public ExtensionCallTelemetryTests()
    {
        _meter.InstrumentPublished = (instrument, listener) =>
        {
            // By name: reading KernelMetrics here could be its first use, whose instruments are published meanwhile.
            if (instrument.Meter.Name == KernelMetrics.MeterName && instrument.Name == "reversepaas.extension.invocations")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meter.SetMeasurementEventCallback<long>(OnCount);
        _meter.Start();
        _tracer = new ActivityListener
        {
            ShouldListenTo = static source => source.Name == KernelTracing.SourcePrefix + "Extensions",
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = OnStopped,
        };
        ActivitySource.AddActivityListener(_tracer);

        var snapshot = new SnapshotScenario().With(new MeteredSingle()).Producing("retail.metered").Build();
        _ = new ExtensionRuntime(snapshot, new ExtensionCallBudget(TimeSpan.FromSeconds(30), 3, TimeSpan.FromSeconds(30), TimeProvider.System));
        _resolved = snapshot.Single<ITestSingle>(Id("retail.metered"));
        _resolved.Extension.Id.Should().Be(ExtensionId);
    }

    public void Dispose()
    {
        _meter.Dispose();
        _tracer.Dispose();
    }

    [Fact]
    public async Task A_call_that_completes_at_once_is_counted_ok_with_a_span_under_the_caller_which_stays_current()
    {
        using var caller = new Activity("caller").Start();

        var call = _resolved.InvokeAsync(0, static (single, _, _) => Task.FromResult(single.Name), CancellationToken.None);

        call.IsCompletedSuccessfully.Should().BeTrue();
        Activity.Current.Should().BeSameAs(caller);
        (await call).Should().Be("metered");
        Outcomes().Should().Equal("ok");
        var span = Spans().Should().ContainSingle().Which;
        span.ParentSpanId.Should().Be(caller.SpanId);
        span.GetTagItem("reversepaas.extension").Should().Be(ExtensionId);
        span.Status.Should().Be(ActivityStatusCode.Unset);
    }

    [Fact]
    public async Task A_call_that_completes_later_is_counted_when_it_ends_and_runs_under_its_span_while_the_caller_keeps_its_own()
    {
        using var caller = new Activity("caller").Start();
        var backend = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Activity? seenByExtension = null;

        var call = _resolved.InvokeAsync(0, (_, _, _) =>
        {
            seenByExtension = Activity.Current;
            return backend.Task;
        }, CancellationToken.None);

        call.IsCompleted.Should().BeFalse();
        Activity.Current.Should().BeSameAs(caller, "the extension's span is current inside the call, not in its caller");
        seenByExtension.Should().NotBeNull().And.NotBeSameAs(caller);
        seenByExtension!.ParentSpanId.Should().Be(caller.SpanId);
        Outcomes().Should().BeEmpty("nothing is counted before the call ends");

        backend.SetResult("late");

        (await call).Should().Be("late");
        Outcomes().Should().Equal("ok");
        Spans().Should().ContainSingle().Which.Should().BeSameAs(seenByExtension);
    }

    [Fact]
    public async Task A_call_that_fails_later_is_counted_failed_and_its_span_says_why()
    {
        var backend = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);

        var call = _resolved.InvokeAsync(0, (_, _, _) => backend.Task, CancellationToken.None);
        backend.SetException(new InvalidOperationException("backend down"));

        var failed = (await call.Invoking(c => c).Should().ThrowAsync<ExtensionFailedException>()).Which;
        failed.InnerException!.Message.Should().Be("backend down");
        Outcomes().Should().Equal("failed");
        var span = Spans().Should().ContainSingle().Which;
        span.Status.Should().Be(ActivityStatusCode.Error);
        span.GetTagItem("reversepaas.outcome").Should().Be("failed");
    }

    [Fact]
    public async Task A_call_that_fails_at_once_is_counted_failed()
    {
        var call = _resolved.InvokeAsync<int, string>(0, static (_, _, _) => Task.FromException<string>(new InvalidOperationException("refused")), CancellationToken.None);

        await call.Invoking(c => c).Should().ThrowAsync<ExtensionFailedException>();
        Outcomes().Should().Equal("failed");
        Spans().Should().ContainSingle().Which.Status.Should().Be(ActivityStatusCode.Error);
    }

    private void OnCount(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? extension = null;
        string? outcome = null;
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case "extension":
                    extension = tag.Value as string;
                    break;
                case "outcome":
                    outcome = tag.Value as string;
                    break;
            }
        }

        if (extension == ExtensionId)
        {
            lock (_outcomes)
            {
                _outcomes.Add(outcome!);
            }
        }
    }

    private void OnStopped(Activity activity)
    {
        if (activity.GetTagItem("reversepaas.extension") as string == ExtensionId)
        {
            lock (_spans)
            {
                _spans.Add(activity);
            }
        }
    }

    private string[] Outcomes()
    {
        lock (_outcomes)
        {
            return [.. _outcomes];
        }
    }

    private Activity[] Spans()
    {
        lock (_spans)
        {
            return [.. _spans];
        }
    }

    [Extension(ExtensionId, Identities = ["retail.metered"])]
    private sealed class MeteredSingle : ITestSingle
    {
        public string Name => "metered";
    }
}
