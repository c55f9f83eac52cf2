using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using ReversePaas.Host.Auth;
using ReversePaas.Host.Problems;
using ReversePaas.Host.Validation;

namespace ReversePaas.Host.RateLimiting;

/// <summary>
/// Rate limiting of write requests (POST, PUT, PATCH, DELETE) with ASP.NET Core's limiter: one token bucket per API key,
/// or per remote address for requests without a valid key. Reads and health probes are never limited. A refused
/// request gets 429 with <c>Retry-After</c> and a problem body, and never reaches its handler, so nothing is written.
/// </summary>
internal static class WriteRateLimiting
{
    public static IServiceCollection AddWriteRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var options = WriteRateLimitOptions.From(configuration);
        services.AddSingleton(options);
        if (!options.Enabled)
        {
            return services;
        }

        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.BucketSize,
            TokensPerPeriod = options.PermitsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            // Refuse at once rather than queue: a queued write holds a connection and its answer would come late anyway.
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => RequestLimits.IsWrite(context.Request.Method)
                ? RateLimitPartition.GetTokenBucketLimiter(Caller(context), _ => bucket)
                : RateLimitPartition.GetNoLimiter(string.Empty));
            o.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>Runs after authentication (partitions use the authenticated key) and before authorization and handlers.</summary>
    public static IApplicationBuilder UseWriteRateLimiting(this IApplicationBuilder app)
        => app.ApplicationServices.GetRequiredService<WriteRateLimitOptions>().Enabled ? app.UseRateLimiter() : app;

    /// <summary>
    /// The key only when authentication accepted it: unknown keys share their address's bucket, so inventing keys
    /// neither escapes the limit nor grows the set of buckets.
    /// </summary>
    private static string Caller(HttpContext context)
        => context.User.Identity?.IsAuthenticated == true
            ? "key:" + context.Request.Headers[ApiKeyAuthenticationHandler.HeaderName].ToString()
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Type = ProblemTypes.RateLimited,
                Title = "Too many write requests",
                Detail = string.Create(CultureInfo.InvariantCulture, $"This caller sent more writes than RateLimiting allows; nothing was done. Retry after {seconds} s."),
                Extensions = { ["retryAfterSeconds"] = seconds },
            },
        });
    }
}
