using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using ReversePaas.Kernel.Extensions;

namespace ReversePaas.Host.Problems;

/// <summary>
/// Turns exceptions into problem details. Malformed requests are the caller's (400); a plugin that throws
/// or a conflicting registration is ours (500) and the body names the extension and plugin, so ops know
/// whom to call; anything else is a 500 that leaks no internals.
/// </summary>
internal sealed class HostExceptionHandler(IProblemDetailsService problems, ILogger<HostExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Type = ProblemTypes.BadRequest,
                Title = "The request is malformed",
                Detail = bad.Message,
            },
            ExtensionFailedException failed => Named(new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Type = ProblemTypes.ExtensionFailed,
                Title = "An extension failed",
                Detail = failed.Message,
            }, failed.Extension),
            ExtensionConflictException conflict => new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Type = ProblemTypes.ExtensionConflict,
                Title = "Conflicting extensions",
                Detail = conflict.Message,
                Extensions =
                {
                    ["point"] = conflict.Resolution.Point.Code,
                    ["identity"] = conflict.Resolution.Identity.Value,
                    ["extensions"] = conflict.Resolution.Extensions.Select(e => e.Id).ToArray(),
                },
            },
            _ => null,
        };

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Type = ProblemTypes.Unexpected,
                Title = "Unexpected error",
                Detail = "The server failed to handle the request; the error is logged with the trace id.",
            };
        }
        else if (problem.Status >= 500)
        {
            logger.LogError(exception, "{Title}: {Detail}", problem.Title, problem.Detail);
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Named(ProblemDetails problem, ExtensionDescriptor extension)
    {
        problem.Extensions["extension"] = extension.Id;
        problem.Extensions["plugin"] = extension.Origin.PluginId;
        problem.Extensions["pluginVersion"] = extension.Origin.Version;
        return problem;
    }
}
