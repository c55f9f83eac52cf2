using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ReversePaas.Host.Validation;

/// <summary>
/// Limits on what a request may be before any handler looks at it: the body size (Kestrel's
/// <c>MaxRequestBodySize</c>, from <c>Limits:MaxRequestBodyBytes</c>) and the JSON nesting depth.
/// </summary>
internal static class RequestLimits
{
    public const string MaxRequestBodyBytesKey = "Limits:MaxRequestBodyBytes";

    /// <summary>256 KB: the largest legitimate body (an order of 500 lines) is far smaller; Kestrel's own default is 30 MB.</summary>
    public const long DefaultMaxRequestBodyBytes = 256 * 1024;

    /// <summary>Our contracts nest four levels at most; 32 leaves room and refuses parser-exhausting nesting with a 400.</summary>
    public const int MaxJsonDepth = 32;

    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        var max = builder.Configuration.GetValue(MaxRequestBodyBytesKey, DefaultMaxRequestBodyBytes);
        if (max < 1)
        {
            throw new InvalidOperationException($"{MaxRequestBodyBytesKey} must be a positive number of bytes, not {max}.");
        }

        builder.Services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = max);
        return builder;
    }

    /// <summary>The methods that change state: the ones body checks and rate limiting apply to.</summary>
    public static bool IsWrite(string method)
        => HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    /// <summary>Refuses oversized and non-JSON bodies of write requests before their handlers run (<see cref="RequestBodyGuard"/>).</summary>
    public static IApplicationBuilder UseRequestBodyGuard(this IApplicationBuilder app) => app.UseMiddleware<RequestBodyGuard>();
}
