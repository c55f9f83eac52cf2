using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace ReversePaas.Host.Ports.Http;

/// <summary>
/// The HTTP adapters' clients: one named client per system in <see cref="Mode"/> (<c>Ports:&lt;System&gt;:Mode=Http</c>),
/// at <c>Ports:&lt;System&gt;:BaseAddress</c>, behind the standard resilience order: a total timeout, retries with
/// jitter for safe calls only, a circuit breaker of its own (one system's outage never opens another's), and a timeout
/// per attempt.
/// </summary>
internal static class HttpPortRegistration
{
    public const string Mode = "Http";

    public static IServiceCollection AddHttpPorts(this IServiceCollection services, IConfiguration configuration, IEnumerable<string> systems)
    {
        // The factory and the shared call are always there: every adapter class is registered, chosen or not.
        services.AddHttpClient();
        services.AddSingleton<HttpPortClient>();
        foreach (var system in systems)
        {
            var section = $"Ports:{system}";
            var options = configuration.GetSection(section).Get<HttpPortOptions>() ?? new HttpPortOptions();
            var baseAddress = BaseAddress(section, options.BaseAddress);
            var name = HttpPortClient.ClientName(system.ToLowerInvariant());
            services.AddHttpClient(name, client =>
            {
                client.BaseAddress = baseAddress;
                // The pipeline's total timeout governs; the client's own would cut a retry short with a bare cancellation.
                client.Timeout = Timeout.InfiniteTimeSpan;
            }).AddResilienceHandler(name, pipeline => Build(pipeline, options));
        }

        return services;
    }

    private static Uri BaseAddress(string section, string? configured)
    {
        if (!Uri.TryCreate(configured?.Trim(), UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException(
                $"{section}:BaseAddress must be an absolute http(s) address when {section}:Mode is {Mode}; it is '{configured}'.");
        }

        // A trailing slash so that the relative routes of docs/adapters.md extend the path rather than replace its last segment.
        return address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");
    }

    private static void Build(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, HttpPortOptions options)
    {
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.Timeout });
        var retry = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(0, options.Retries),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(100),
        };
        var transient = retry.ShouldHandle;
        // Only a call that cannot take effect twice is sent twice: a GET, or one carrying an Idempotency-Key the system
        // deduplicates by (docs/adapters.md). Every port call carries one today; a new call without one is not retried.
        retry.ShouldHandle = async args => await transient(args) && IsSafe(args.Context.GetRequestMessage());
        if (retry.MaxRetryAttempts > 0)
        {
            pipeline.AddRetry(retry);
        }

        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = 0.5,
            MinimumThroughput = 5,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = options.BreakDuration,
        });
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.AttemptTimeout });
    }

    private static bool IsSafe(HttpRequestMessage? request)
        => request is not null && (request.Method == HttpMethod.Get || request.Headers.Contains(HttpPortClient.IdempotencyKeyHeader));
}
