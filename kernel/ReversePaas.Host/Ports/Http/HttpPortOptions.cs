namespace ReversePaas.Host.Ports.Http;

/// <summary>
/// How the host reaches one external system over HTTP (section <c>Ports:&lt;System&gt;</c>, read when
/// <c>Mode</c> is <c>Http</c>).
/// </summary>
internal sealed class HttpPortOptions
{
    /// <summary>The system's root address, absolute http(s); the routes of docs/adapters.md are relative to it.</summary>
    public string? BaseAddress { get; set; }

    /// <summary>How long one attempt may take before it counts as a failure (and, being idempotent, is retried).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a call may take with all its retries; past it the system counts as unavailable.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after the first attempt (exponential back-off with jitter).</summary>
    public int Retries { get; set; } = 2;

    /// <summary>How long the breaker stays open once the system failed half of at least 5 calls in 30 s.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
