using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using ReversePaas.Host.Problems;

namespace ReversePaas.Host.Validation;

/// <summary>
/// Refuses the body of a write request as a whole, before its handler runs: 413 when it is larger than the limit,
/// 415 when it is not UTF-8 JSON. Without this, routes that take no body (withdraw, retry-refund, plugin reload…)
/// never read it, so a 1 MB or <c>text/plain</c> body went unnoticed and the action ran; and a JSON body in a charset
/// other than UTF-8 was either transcoded or, for an unknown charset, failed binding with a 500.
/// </summary>
/// <remarks>
/// A client usually is still sending when the 413 goes out. If the server then closed the connection with the rest
/// unread, the client's send would hit a reset and it would never see the answer. So a refused body is still read and
/// dropped, up to <see cref="DrainFactor"/> times the limit (Kestrel drains an unread body after the response when it
/// is within its limit, which is raised here for this one request); only a larger one gets the connection closed.
/// </remarks>
internal sealed class RequestBodyGuard(RequestDelegate next, IProblemDetailsService problems)
{
    public const int DrainFactor = 8;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        // Only requests routed to one of our endpoints: the router's own 404, 405 and 415 answers stand as they are.
        if (!RequestLimits.IsWrite(request.Method)
            || context.GetEndpoint() is not RouteEndpoint endpoint
            || context.Features.Get<IHttpRequestBodyDetectionFeature>() is not { CanHaveBody: true })
        {
            await next(context);
            return;
        }

        var size = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        var package = endpoint.Metadata.GetMetadata<PluginPackages.AcceptsPluginPackage>();
        if (package is not null && size is { IsReadOnly: false })
        {
            // A plugin package: a zip as large as Plugins:Packages:MaxBytes allows, not a small JSON body.
            size.MaxRequestBodySize = package.MaxBytes;
        }

        if (size is { MaxRequestBodySize: { } limit, IsReadOnly: false })
        {
            var drainable = limit * DrainFactor;
            if (request.ContentLength > limit)
            {
                if (request.ContentLength <= drainable)
                {
                    size.MaxRequestBodySize = request.ContentLength;
                }

                await RefuseAsync(context, BodyProblems.TooLarge(context));
                return;
            }

            if (request.ContentLength is null)
            {
                // A chunked body announces no length: the limit is enforced while it is read, by the stream.
                size.MaxRequestBodySize = drainable;
                request.Body = new BodyLimitStream(request.Body, limit);
            }
        }

        if (package is not null)
        {
            if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var zip) || !string.Equals(zip.MediaType.Value, PluginPackages.AcceptsPluginPackage.MediaType, StringComparison.OrdinalIgnoreCase))
            {
                await RefuseAsync(context, BodyProblems.UnsupportedMediaType("application/zip: the .rpplugin file that 'reversepaas plugin pack' writes"));
                return;
            }

            await next(context);
            return;
        }

        if (!IsUtf8Json(request.ContentType, out var media))
        {
            await RefuseAsync(context, BodyProblems.UnsupportedMediaType());
            return;
        }

        if (media.Charset.HasValue)
        {
            // RFC 9110 lets a client quote the charset (charset="UTF-8"); the framework's JSON binder looks the quoted
            // name up as an encoding and throws, so the binder is handed the one name it was checked to mean.
            request.ContentType = $"{media.MediaType}; charset=utf-8";
        }

        // Routes that bind a body meet the limit while binding it; for the others read it here, so an oversized body
        // is refused before the action runs rather than after.
        if (request.ContentLength is null && endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is null)
        {
            try
            {
                await request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            }
            catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                await RefuseAsync(context, BodyProblems.TooLarge(context));
                return;
            }
        }

        await next(context);
    }

    /// <summary>RFC 8259: JSON between systems is UTF-8. Other charsets are refused rather than guessed at.</summary>
    private static bool IsUtf8Json(string? contentType, out MediaTypeHeaderValue media)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out media!))
        {
            return false;
        }

        var json = media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase);
        var charset = HeaderUtilities.RemoveQuotes(media.Charset);
        return json && (charset.Length == 0 || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase));
    }

    private async Task RefuseAsync(HttpContext context, ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status!.Value;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
