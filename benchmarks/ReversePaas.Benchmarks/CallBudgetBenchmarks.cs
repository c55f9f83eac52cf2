using BenchmarkDotNet.Attributes;
using OpenTelemetry.Metrics;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Extensions.Budget;
using ReversePaas.Kernel.Telemetry;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Review;

namespace ReversePaas.Benchmarks;

/// <summary>
/// What the extension call budget adds to a call that finishes in time (issue 17: at most ~100 ns, no allocation per
/// call): the same <c>review.router</c> call through <c>Resolved&lt;T&gt;.Invoke</c> on a snapshot without a budget
/// (the baseline: only the exception wrapping), with a budget (breaker read, two timestamps), and with a budget inside
/// a unit of work's <see cref="ExtensionCallScope"/> (as requests and background steps call it: plus the ambient read
/// and a compare-and-swap). The asynchronous form too, with an extension that completes synchronously.
/// </summary>
[MemoryDiagnoser]
public class CallBudgetBenchmarks
{
    private IdentityExtensions _unbudgeted = null!;
    private IdentityExtensions _budgeted = null!;
    private ExtensionCallScope _scope = null!;
    private ReviewRoutingContext _context = null!;
    private MeterProvider? _meters;

    [GlobalSetup(Targets = [nameof(NoBudget), nameof(Budget), nameof(NoBudget_Async)])]
    public void Setup()
    {
        var identity = BusinessIdentity.Parse("retail.pop");
        _unbudgeted = DispatchBenchmarks.BuildSnapshot().For(identity);
        var budget = new ExtensionCallBudget(TimeSpan.FromSeconds(2), 5, TimeSpan.FromSeconds(30), TimeProvider.System);
        var budgeted = DispatchBenchmarks.BuildSnapshot();
        _ = new ExtensionRuntime(budgeted, budget);
        _budgeted = budgeted.For(identity);
        _context = new ReviewRoutingContext(identity, AfterSaleType.RefundOnly, 10m, IdentitySettings.Empty);
        if (_budgeted.Single<IReviewRouter>().Extension.Breaker is null || _unbudgeted.Single<IReviewRouter>().Extension.Breaker is not null)
        {
            throw new InvalidOperationException("The budgeted snapshot must have breakers and the other none.");
        }
    }

    // Opened once for the run (each benchmark runs in its own process): a unit of work opens one per request (its
    // one allocation), never one per call.
    [GlobalSetup(Targets = [nameof(Budget_InScope), nameof(Budget_InScope_Async)])]
    public void SetupInScope()
    {
        Setup();
        _scope = ExtensionCallScope.Open(new ExtensionCallBudget(TimeSpan.FromSeconds(2), 5, TimeSpan.FromSeconds(30), TimeProvider.System));
    }

    [GlobalCleanup(Targets = [nameof(Budget_InScope), nameof(Budget_InScope_Async)])]
    public void CloseScope() => _scope.Dispose();

    // As in the host, which always exports the kernel's meter: OpenTelemetry's own aggregation listens (the in-memory
    // exporter is never read during the run; it only makes the provider a real one).
    [GlobalSetup(Targets = [nameof(Budget_InScope_Metered), nameof(Budget_InScope_Async_Metered)])]
    public void SetupMetered()
    {
        SetupInScope();
        _meters = OpenTelemetry.Sdk.CreateMeterProviderBuilder().AddMeter(KernelMetrics.MeterName).AddInMemoryExporter(new List<Metric>()).Build();
    }

    [GlobalCleanup(Targets = [nameof(Budget_InScope_Metered), nameof(Budget_InScope_Async_Metered)])]
    public void StopMeters()
    {
        _meters?.Dispose();
        CloseScope();
    }

    [Benchmark(Baseline = true)]
    public Reviewer NoBudget() => _unbudgeted.Single<IReviewRouter>().Invoke(_context, static (r, c) => r.Route(c));

    [Benchmark]
    public Reviewer Budget() => _budgeted.Single<IReviewRouter>().Invoke(_context, static (r, c) => r.Route(c));

    [Benchmark]
    public Reviewer Budget_InScope() => _budgeted.Single<IReviewRouter>().Invoke(_context, static (r, c) => r.Route(c));

    [Benchmark]
    public Task<Reviewer> NoBudget_Async() => _unbudgeted.Single<IReviewRouter>().InvokeAsync(_context, static (r, c, _) => Task.FromResult(r.Route(c)), CancellationToken.None);

    [Benchmark]
    public Task<Reviewer> Budget_InScope_Async() => _budgeted.Single<IReviewRouter>().InvokeAsync(_context, static (r, c, _) => Task.FromResult(r.Route(c)), CancellationToken.None);

    [Benchmark]
    public Reviewer Budget_InScope_Metered() => _budgeted.Single<IReviewRouter>().Invoke(_context, static (r, c) => r.Route(c));

    [Benchmark]
    public Task<Reviewer> Budget_InScope_Async_Metered() => _budgeted.Single<IReviewRouter>().InvokeAsync(_context, static (r, c, _) => Task.FromResult(r.Route(c)), CancellationToken.None);
}
