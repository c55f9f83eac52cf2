using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Extensions.Budget;
using ReversePaas.Kernel.Tests.Support;
using ReversePaas.Sdk;
using static ReversePaas.Kernel.Tests.Support.SnapshotScenario;

namespace ReversePaas.Kernel.Tests.Extensions;

/// <summary>The extension call budget: consecutive failures open a breaker, one trial decides, a hung call is left behind.</summary>
public sealed class CallBudgetTests
{
    private static readonly TimeSpan Break = TimeSpan.FromSeconds(30);

    private readonly MovableClock _clock = new();

    private (Resolved<ITestSingle> Resolved, ExtensionBreaker Breaker) Serve(ScriptedSingle extension, TimeSpan? timeout = null, int breakAfter = 3)
    {
        var snapshot = new SnapshotScenario().With(extension).Producing("retail.pop").Build();
        _ = new ExtensionRuntime(snapshot, new ExtensionCallBudget(timeout ?? TimeSpan.FromSeconds(5), breakAfter, Break, _clock));
        var resolved = snapshot.Single<ITestSingle>(Id("retail.pop"));
        return (resolved, resolved.Extension.Breaker!);
    }

    private static string Call(Resolved<ITestSingle> resolved) => resolved.Invoke(0, static (single, _) => single.Name);

    [Fact]
    public void Consecutive_failures_open_the_breaker_which_then_refuses_without_calling_until_the_break_ends()
    {
        var extension = new ScriptedSingle(() => throw new InvalidOperationException("backend down"));
        var (resolved, breaker) = Serve(extension);

        for (var i = 0; i < 3; i++)
        {
            resolved.Invoking(Call).Should().Throw<ExtensionFailedException>();
        }

        breaker.State.Should().Be(BreakerState.Open);
        var refused = resolved.Invoking(Call).Should().Throw<ExtensionUnavailableException>().Which;
        refused.RetryAfter.Should().Be(Break);
        refused.Message.Should().Contain("'scripted.single'").And.Contain("backend down");
        extension.Calls.Should().Be(3, "an open breaker does not call the extension");

        _clock.Advance(Break - TimeSpan.FromSeconds(1));
        resolved.Invoking(Call).Should().Throw<ExtensionUnavailableException>().Which.RetryAfter.Should().Be(TimeSpan.FromSeconds(1));
        extension.Calls.Should().Be(3);
    }

    [Fact]
    public void A_success_between_failures_starts_the_count_again()
    {
        var fail = true;
        var extension = new ScriptedSingle(() => fail ? throw new InvalidOperationException("flaky") : "ok");
        var (resolved, breaker) = Serve(extension);

        for (var round = 0; round < 3; round++)
        {
            fail = true;
            resolved.Invoking(Call).Should().Throw<ExtensionFailedException>();
            resolved.Invoking(Call).Should().Throw<ExtensionFailedException>();
            fail = false;
            Call(resolved).Should().Be("ok");
        }

        breaker.State.Should().Be(BreakerState.Closed);
        breaker.ConsecutiveFailures.Should().Be(0);
    }

    [Fact]
    public void After_the_break_one_trial_decides_a_failed_trial_breaks_again_and_a_good_one_closes()
    {
        var fail = true;
        var extension = new ScriptedSingle(() => fail ? throw new InvalidOperationException("still down") : "ok");
        var (resolved, breaker) = Serve(extension);
        for (var i = 0; i < 3; i++)
        {
            resolved.Invoking(Call).Should().Throw<ExtensionFailedException>();
        }

        _clock.Advance(Break);
        resolved.Invoking(Call).Should().Throw<ExtensionFailedException>("the trial call is made, and fails");
        breaker.State.Should().Be(BreakerState.Open);
        resolved.Invoking(Call).Should().Throw<ExtensionUnavailableException>().Which.RetryAfter.Should().Be(Break, "a failed trial breaks for the whole duration");
        extension.Calls.Should().Be(4);

        _clock.Advance(Break);
        fail = false;
        Call(resolved).Should().Be("ok");
        breaker.State.Should().Be(BreakerState.Closed);
        Call(resolved).Should().Be("ok");
    }

    [Fact]
    public async Task While_a_trial_is_running_concurrent_calls_are_refused_and_exactly_one_reaches_the_extension()
    {
        var fail = true;
        using var gate = new ManualResetEventSlim();
        var extension = new ScriptedSingle(() =>
        {
            if (fail)
            {
                throw new InvalidOperationException("down");
            }

            gate.Wait();
            return "ok";
        });
        var (resolved, breaker) = Serve(extension);
        for (var i = 0; i < 3; i++)
        {
            resolved.Invoking(Call).Should().Throw<ExtensionFailedException>();
        }

        _clock.Advance(Break);
        fail = false;
        const int Callers = 16;
        using var start = new Barrier(Callers);
        var callers = Enumerable.Range(0, Callers).Select(_ => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            try
            {
                return Call(resolved);
            }
            catch (ExtensionUnavailableException)
            {
                return "refused";
            }
        }, TaskCreationOptions.LongRunning)).ToArray();

        // Every caller but the trial is refused at once; the trial waits at the gate until those answers are in.
        await ReverseWait.UntilAsync(() => callers.Count(c => c.IsCompleted) == Callers - 1);
        breaker.State.Should().Be(BreakerState.HalfOpen);
        gate.Set();
        var answers = await Task.WhenAll(callers);

        answers.Count(a => a == "ok").Should().Be(1);
        answers.Count(a => a == "refused").Should().Be(Callers - 1);
        extension.Calls.Should().Be(3 + 1);
        breaker.State.Should().Be(BreakerState.Closed);
    }

    [Fact]
    public async Task A_unit_of_work_stops_waiting_for_a_blocked_call_at_the_budget_and_the_late_return_never_reaches_kernel_code()
    {
        using var gate = new ManualResetEventSlim();
        var extension = new ScriptedSingle(() =>
        {
            gate.Wait();
            return "late";
        });
        var (resolved, breaker) = Serve(extension, timeout: TimeSpan.FromMilliseconds(200));
        var kernelCodeAfterTheCallRan = false;
        var lateFailure = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);

        using var scope = ExtensionCallScope.Open(breaker.Budget);
        var work = scope.RunAsync(() =>
        {
            try
            {
                Call(resolved);
                kernelCodeAfterTheCallRan = true;
            }
            catch (Exception ex)
            {
                lateFailure.SetResult(ex);
            }

            return Task.FromResult(true);
        });

        var timedOut = (await work.Invoking(w => w).Should().ThrowAsync<ExtensionTimeoutException>()).Which;
        timedOut.Extension.Id.Should().Be("scripted.single");
        timedOut.Message.Should().Contain("did not answer within 200 ms");
        gate.IsSet.Should().BeFalse("the extension is still blocked: the unit of work left it behind");
        breaker.ConsecutiveFailures.Should().Be(1, "the watcher counted the timeout");

        gate.Set();
        (await lateFailure.Task).Should().BeOfType<ExtensionTimeoutException>("the late return is refused too");
        kernelCodeAfterTheCallRan.Should().BeFalse();
        breaker.ConsecutiveFailures.Should().Be(1, "counted once");
    }

    [Fact]
    public async Task A_unit_of_work_whose_calls_finish_in_time_returns_its_result_however_long_the_work_itself_takes()
    {
        var (resolved, breaker) = Serve(new ScriptedSingle(() => "quick"), timeout: TimeSpan.FromMilliseconds(100));
        using var scope = ExtensionCallScope.Open(breaker.Budget);
        using var released = new SemaphoreSlim(0);

        var work = scope.RunAsync(async () =>
        {
            var first = Call(resolved);
            // Not an extension call: waiting here (for longer than the call budget) is the kernel's own business.
            await released.WaitAsync();
            return first + Call(resolved);
        });
        await Task.Delay(300); // lets the budget pass while no call is running: the work must not be abandoned
        released.Release();

        (await work).Should().Be("quickquick");
        breaker.ConsecutiveFailures.Should().Be(0);
    }

    [Fact]
    public async Task An_asynchronous_call_over_the_budget_times_out_without_a_scope_and_is_counted_once()
    {
        var never = new TaskCompletionSource<string>();
        var snapshot = new SnapshotScenario().With(new ScriptedSingle(() => "unused")).Producing("retail.pop").Build();
        _ = new ExtensionRuntime(snapshot, new ExtensionCallBudget(TimeSpan.FromMilliseconds(100), 3, Break, _clock));
        var resolved = snapshot.Single<ITestSingle>(Id("retail.pop"));

        var call = resolved.InvokeAsync(0, (_, _, _) => never.Task, CancellationToken.None);

        await call.Invoking(c => c).Should().ThrowAsync<ExtensionTimeoutException>();
        resolved.Extension.Breaker!.ConsecutiveFailures.Should().Be(1);
    }

    [Fact]
    public async Task A_timeout_the_extension_itself_throws_within_the_budget_is_its_failure_not_the_budgets()
    {
        var snapshot = new SnapshotScenario().With(new ScriptedSingle(() => "unused")).Producing("retail.pop").Build();
        _ = new ExtensionRuntime(snapshot, new ExtensionCallBudget(TimeSpan.FromSeconds(30), 3, Break, _clock));
        var resolved = snapshot.Single<ITestSingle>(Id("retail.pop"));
        var backend = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);

        var call = resolved.InvokeAsync(0, (_, _, _) => backend.Task, CancellationToken.None);
        backend.SetException(new TimeoutException("the extension's own HTTP call gave up"));

        var failed = (await call.Invoking(c => c).Should().ThrowAsync<ExtensionFailedException>()).Which;
        failed.InnerException.Should().BeOfType<TimeoutException>();
        resolved.Extension.Breaker!.ConsecutiveFailures.Should().Be(1);
    }

    [Fact]
    public void Without_a_budget_calls_are_only_wrapped()
    {
        var snapshot = new SnapshotScenario().With(new ScriptedSingle(() => "plain")).Producing("retail.pop").Build();
        var resolved = snapshot.Single<ITestSingle>(Id("retail.pop"));

        resolved.Extension.Breaker.Should().BeNull();
        Call(resolved).Should().Be("plain");
    }

    [Fact]
    public void A_reload_keeps_the_breaker_of_the_same_plugin_version()
    {
        var budget = new ExtensionCallBudget(TimeSpan.FromSeconds(1), 3, Break, _clock);
        var first = new SnapshotScenario().With(new ScriptedSingle(() => "x")).Producing("retail.pop").Build(1);
        var runtime = new ExtensionRuntime(first, budget);
        var second = new SnapshotScenario().With(new ScriptedSingle(() => "x")).Producing("retail.pop").Build(2);
        var third = new SnapshotScenario().With(new ScriptedSingle(() => "x"), PluginB).Producing("retail.pop").Build(3);

        runtime.Publish(second);
        runtime.Publish(third);

        second.FindExtension("scripted.single")!.Breaker.Should().BeSameAs(first.FindExtension("scripted.single")!.Breaker);
        third.FindExtension("scripted.single")!.Breaker.Should().NotBeSameAs(first.FindExtension("scripted.single")!.Breaker, "another plugin version starts closed");
        budget.Breakers.Count(b => b.ExtensionId == "scripted.single").Should().Be(2);
    }

    [Extension("scripted.single", Identities = ["retail.pop"])]
    private sealed class ScriptedSingle(Func<string> behaviour) : ITestSingle
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public string Name
        {
            get
            {
                Interlocked.Increment(ref _calls);
                return behaviour();
            }
        }
    }

    private sealed class MovableClock : TimeProvider
    {
        private long _ticks = DateTimeOffset.UtcNow.UtcTicks;

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }

    private static class ReverseWait
    {
        public static async Task UntilAsync(Func<bool> condition)
        {
            var limit = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!condition())
            {
                DateTime.UtcNow.Should().BeBefore(limit, "the condition holds within 30 s");
                await Task.Yield();
            }
        }
    }
}
