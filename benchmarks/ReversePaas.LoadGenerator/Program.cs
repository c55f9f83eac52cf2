using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using ReversePaas.LoadGenerator;

// Load against a running host: prepares orders, warms up, then measures N clients for a fixed time and prints
// req/s and latency percentiles per operation (and, for the full flow, how fast refunds complete in the background).
var options = LoadOptions.Parse(args);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
{
    BaseAddress = options.Url,
    Timeout = TimeSpan.FromSeconds(60),
};
var clients = Enumerable.Range(0, options.Clients).Select(n => new LoadClient(http, options, n)).ToList();
var expectedOpsPerClient = (int)Math.Ceiling(options.ExpectedRate * (options.Duration + options.Warmup).TotalSeconds / options.Clients);
Console.WriteLine($"Preparing {options.Clients} clients × {expectedOpsPerClient / 5 + 1} orders against {options.Url} …");
var prepared = Stopwatch.StartNew();
await Task.WhenAll(clients.Select(c => c.PrepareAsync(expectedOpsPerClient / 5 + 1, CancellationToken.None)));
Console.WriteLine($"Prepared in {prepared.Elapsed.TotalSeconds:0.0} s.");
// Registering the orders left outbox work behind (order.changed per order); the measurement starts from an empty
// outbox so that it counts only the applications' own work.
var settled = await OutboxBacklog.WaitUntilDrainedAsync(http, TimeSpan.FromMinutes(10));
Console.WriteLine($"Outbox drained after preparing ({settled.AtStart} pending at first, {settled.Left} left) in {prepared.Elapsed.TotalSeconds:0.0} s.");

var ignored = new List<string>();
// Warm-up in rounds of --warmup seconds until the host's JIT has (nearly) stopped compiling: tiered compilation
// promotes hot methods in the background, later the busier the cores, and a measurement that overlaps it counts the
// compiler's CPU as the requests' (the 2x spread between runs in docs/benchmarks.md). Without /metrics: one round.
var warmup = Stopwatch.StartNew();
var lastRoundJit = (double?)null;
while (true)
{
    var jitBefore = await RuntimeCounters.ReadAsync(http);
    var warmupEnd = Stopwatch.GetTimestamp() + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);
    await Task.WhenAll(clients.Select(c => c.RunAsync(warmupEnd, null, null, ignored, CancellationToken.None)));
    lastRoundJit = await RuntimeCounters.ReadAsync(http) is { } jitAfter && jitBefore is not null ? (jitAfter - jitBefore).JitMethods : null;
    if (lastRoundJit is null or < WarmJitMethodsPerRound || warmup.Elapsed > MaxWarmup)
    {
        break;
    }
}

Console.WriteLine(lastRoundJit is { } jitted
    ? $"Warmed up for {warmup.Elapsed.TotalSeconds:0} s; the host's JIT compiled {jitted:0} methods in the last {options.Warmup.TotalSeconds:0} s."
    : $"Warmed up for {warmup.Elapsed.TotalSeconds:0} s (no /metrics: the JIT's progress is unknown).");

// Side by side (--barrier): keep warming up until the other generator is warm too, then both drain their outboxes and
// start measuring together.
if (options.Barrier is { } barrier)
{
    await MeasurementBarrier.ArriveAndWaitAsync(barrier, "warm", options.Label, MaxWarmup * 2, async () =>
    {
        var roundEnd = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
        await Task.WhenAll(clients.Select(c => c.RunAsync(roundEnd, null, null, ignored, CancellationToken.None)));
    });
}

// The warm-up used up prepared orders (how many depends on how long the JIT took): top every client up again, so that
// no registration (a request the measurement does not count, with outbox work of its own) runs in the measured seconds.
// Runs measured before this (2026-12-06) registered orders on the way whenever the warm-up had emptied the queues.
var needed = (int)Math.Ceiling(options.ExpectedRate * options.Duration.TotalSeconds / options.Clients) / 5 + 1;
await Task.WhenAll(clients.Select(c => c.PrepareAsync(needed, CancellationToken.None)));
await OutboxBacklog.WaitUntilDrainedAsync(http, TimeSpan.FromMinutes(10));
if (options.Barrier is { } drainedBarrier)
{
    await MeasurementBarrier.ArriveAndWaitAsync(drainedBarrier, "drained", options.Label, TimeSpan.FromMinutes(5));
}

var cpu = new CpuMeter(options.HostPid);
var cpuBefore = cpu.Sample();
var machineBefore = MachineCpu.Sample();
var runtimeBefore = await RuntimeCounters.ReadAsync(http);
var apply = new LatencyRecorder("apply");
var review = new LatencyRecorder("review");
var approved = new List<string>();
var started = Stopwatch.GetTimestamp();
var end = started + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
await Task.WhenAll(clients.Select(c => c.RunAsync(end, apply, options.Flow == "full" ? review : null, approved, CancellationToken.None)));
var elapsed = Stopwatch.GetElapsedTime(started);
var cpuAtEnd = cpu.Sample();
var machine = MachineCpu.Sample() - machineBefore;
var runtime = await RuntimeCounters.ReadAsync(http) is { } runtimeAtEnd && runtimeBefore is not null ? runtimeAtEnd - runtimeBefore : null;

Console.WriteLine();
Console.WriteLine($"label={options.Label} flow={options.Flow} clients={options.Clients} measured={elapsed.TotalSeconds:0.0}s");
// What makes two runs comparable (docs/benchmarks.md, "steadiness"): the machine's other work and steal, and whether
// the host was still compiling (tiered JIT) or collecting more than usual while measured.
Console.WriteLine($"machine during the measurement: {machine.Describe()}");
if (clients.Sum(c => c.RegisteredOnTheWay) is > 0 and var registered)
{
    // Their cost is in the CPU figures below without being counted as requests: raise --expected-rate.
    Console.WriteLine($"orders  {registered} registered during the measurement (the prepared ones ran out): raise --expected-rate");
}

if (runtime is not null)
{
    Console.WriteLine($"host    during the measurement: {runtime.Describe()}");
}

foreach (var recorder in new[] { apply, review }.Where(r => r.Count > 0))
{
    var ok = recorder.Statuses.Where(s => s.Key is >= 200 and < 300).Sum(s => s.Value);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{recorder.Operation,-7} {recorder.Count / elapsed.TotalSeconds,8:0} req/s  ok {ok,7}  p50 {recorder.Percentile(50),6:0.0} ms  p95 {recorder.Percentile(95),6:0.0} ms  p99 {recorder.Percentile(99),6:0.0} ms  statuses {string.Join(' ', recorder.Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}"));
}

if (options.Flow == "full" && approved.Count > 0)
{
    // Refunds are paid by the outbox consumer after the approval: wait until none is pending, then say how fast.
    var waitStarted = Stopwatch.GetTimestamp();
    int pending;
    do
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/after-sales?status=PendingRefund&pageSize=1");
        request.Headers.Add("X-Api-Key", options.CustomerServiceKey);
        using var response = await http.SendAsync(request);
        pending = (int)(await response.Content.ReadAsStringAsync() is { } text ? JsonNode.Parse(text)!["total"]! : 0);
        if (pending > 0)
        {
            await Task.Delay(250); // polling the host for a condition, bounded below
        }
    }
    while (pending > 0 && Stopwatch.GetElapsedTime(waitStarted) < TimeSpan.FromMinutes(5));

    var total = Stopwatch.GetElapsedTime(started);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"refund  {approved.Count / total.TotalSeconds,8:0} completed/s  ({approved.Count} refunds paid {total.TotalSeconds:0.0} s after the measurement began; {pending} still pending)"));
}

// The host delivers each change's outbox messages in the background (search, settlement, deadlines, execution): that
// work is part of what an application costs, so the CPU is counted until the outbox has drained.
var drainStarted = Stopwatch.GetTimestamp();
var backlog = await OutboxBacklog.WaitUntilDrainedAsync(http, TimeSpan.FromMinutes(5));
var drained = Stopwatch.GetElapsedTime(drainStarted);
var used = cpu.Sample() - cpuBefore;
var requests = apply.Count + review.Count;
if (requests > 0)
{
    var total = used.Host + used.Postgres + used.Generator;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"outbox  backlog {backlog.AtStart} at the end of the measurement, drained in {drained.TotalSeconds:0.0} s ({backlog.Left} left)"));
    var during = cpuAtEnd - cpuBefore;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"cpu     per request (ms, during the measurement): host {during.Host / requests:0.000}  postgres {during.Postgres / requests:0.000}  generator {during.Generator / requests:0.000}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"cpu     per request (ms, until drained): host {used.Host / requests:0.000}  postgres {used.Postgres / requests:0.000}  generator {used.Generator / requests:0.000}  total {total / requests:0.000}"
        + $"  => {Environment.ProcessorCount} cores allow {Environment.ProcessorCount * 1000 / (total / requests):0} req/s"));
    // Counted until drained, like the CPU: how much of the outbox's work falls inside the measured seconds depends on
    // the machine's load, the whole of it does not.
    if (runtimeBefore is not null && await RuntimeCounters.ReadAsync(http) is { } runtimeDrained)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"alloc   per request (KB, until drained): host {(runtimeDrained - runtimeBefore).AllocatedBytes / 1024 / requests:0.0}"));
    }
}

Console.WriteLine($"writes={apply.Count + review.Count}");

internal static partial class Program
{
    // Fewer new methods than this in one warm-up round counts as warm (a steady host still compiles the odd method).
    private const double WarmJitMethodsPerRound = 50;

    private static readonly TimeSpan MaxWarmup = TimeSpan.FromSeconds(90);
}
