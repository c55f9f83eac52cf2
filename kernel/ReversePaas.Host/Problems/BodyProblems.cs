using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace ReversePaas.Host.Problems;

/// <summary>
/// The problems about a request body as a whole (too large, not UTF-8 JSON), one wording wherever they are detected:
/// the body guard, the exception handler, or a bare status code set by routing or minimal-API binding.
/// </summary>
internal static class BodyProblems
{
    private const string RfcTypes = "https://tools.ietf.org/";

    public static ProblemDetails TooLarge(HttpContext httpContext)
    {
        // The configured limit, not this request's feature: the body guard raises that one to drain a refused body.
        var limit = httpContext.RequestServices.GetService<IOptions<KestrelServerOptions>>()?.Value.Limits.MaxRequestBodySize;
        return new ProblemDetails
        {
            Status = StatusCodes.Status413PayloadTooLarge,
            Type = ProblemTypes.PayloadTooLarge,
            Title = "The request body is too large",
            Detail = limit is { } bytes
                ? string.Create(CultureInfo.InvariantCulture, $"Bodies of write requests are limited to {bytes} bytes (Limits:MaxRequestBodyBytes).")
                : "The request body is larger than this server accepts.",
        };
    }

    public static ProblemDetails UnsupportedMediaType(string expected = "application/json in UTF-8 (no charset, or charset=utf-8)") => new()
    {
        Status = StatusCodes.Status415UnsupportedMediaType,
        Type = ProblemTypes.UnsupportedMediaType,
        Title = "Unsupported content type",
        Detail = $"Send the body as {expected}.",
    };

    /// <summary>
    /// Gives our type and wording to a 413 or 415 that was only a status code (the router's 415 for a content type no
    /// endpoint accepts; minimal APIs' 413 when a chunked body outgrows the limit while being bound), which the
    /// status-code pages would otherwise answer with the generic RFC 9110 problem.
    /// </summary>
    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Type is not null && !problem.Type.StartsWith(RfcTypes, StringComparison.Ordinal))
        {
            return;
        }

        var ours = problem.Status switch
        {
            StatusCodes.Status413PayloadTooLarge => TooLarge(context.HttpContext),
            StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType(),
            _ => null,
        };
        if (ours is not null)
        {
            problem.Type = ours.Type;
            problem.Title = ours.Title;
            problem.Detail ??= ours.Detail;
        }
    }
}
