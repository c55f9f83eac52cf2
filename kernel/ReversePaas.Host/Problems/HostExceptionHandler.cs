using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using ReversePaas.Kernel.Activities;
using ReversePaas.Kernel.Domain;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Extensions.Budget;
using ReversePaas.Persistence;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Host.Problems;

/// <summary>
/// Turns exceptions into problem details. Malformed requests are the caller's (400); a plugin that throws
/// or a conflicting registration is ours (500) and the body names the extension and plugin, so ops know
/// whom to call; what a retry can fix (a busy order, a concurrent change, an external system or the database
/// out of reach) is a 503 with <c>Retry-After</c>; anything else is a 500 that leaks no internals.
/// </summary>
internal sealed class HostExceptionHandler(IProblemDetailsService problems, ILogger<HostExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => BodyProblems.TooLarge(httpContext),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } => BodyProblems.UnsupportedMediaType(),
            BadHttpRequestException bad => Malformed(bad),
            DomainValidationException invalid => WithErrors(new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Type = ProblemTypes.Validation,
                Title = "The request is invalid",
                Detail = "See errors: every field that is missing or wrong.",
            }, invalid.Errors),
            DomainRuleException rule => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Type = ProblemTypes.BusinessConflict,
                Title = "Refused by a business rule",
                Detail = rule.Message,
                Extensions = { ["reason"] = rule.Reason },
            },
            DuplicateException duplicate => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Type = ProblemTypes.BusinessConflict,
                Title = "Duplicate",
                Detail = duplicate.Message,
                Extensions = { ["reason"] = ReasonCodes.Duplicate },
            },
            NotFoundException missing => new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Type = ProblemTypes.NotFound,
                Title = "Not found",
                Detail = missing.Message,
            },
            ForbiddenActionException forbidden => new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Type = ProblemTypes.Forbidden,
                Title = "Not allowed",
                Detail = forbidden.Message,
            },
            IdempotencyKeyReusedException reused => new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Type = ProblemTypes.IdempotencyKeyReused,
                Title = "Idempotency-Key reused with another body",
                Detail = reused.Message,
            },
            TransientConflictException busy => RetryLater(httpContext, busy),
            // The kernel catches port failures where it calls a port; one that still gets here is no less retryable.
            PortUnavailableException down => RetryLater(httpContext, new TransientConflictException(
                $"The {down.Port} system could not be reached: {down.Message} Retry shortly; calls to external systems are idempotent, so a retry has no second effect.",
                TimeSpan.FromSeconds(5), down)),
            ExtensionFailedException failed => Named(new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Type = ProblemTypes.ExtensionFailed,
                Title = "An extension failed",
                Detail = failed.Message,
            }, failed.Extension),
            // The call budget (API.md v1.1): nothing was written and the order's lock is already released.
            ExtensionTimeoutException timedOut => Named(RetryAfter(httpContext, timedOut.Timeout, new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Type = ProblemTypes.ExtensionTimeout,
                Title = "An extension did not answer in time",
                Detail = timedOut.Message,
            }), timedOut.Extension),
            ExtensionUnavailableException open => Named(RetryAfter(httpContext, open.RetryAfter, new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Type = ProblemTypes.ExtensionUnavailable,
                Title = "An extension is unavailable after repeated failures",
                Detail = open.Message,
            }), open.Extension),
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
            // A collision with a concurrent transaction or a database outage: Persistence tells which, the client retries.
            _ when DatabaseFailures.AsRetryable(exception) is { } retryable => RetryLater(httpContext, retryable),
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

    private static ProblemDetails Malformed(BadHttpRequestException bad)
    {
        var problem = new ProblemDetails
        {
            Status = bad.StatusCode,
            Type = ProblemTypes.BadRequest,
            Title = "The request is malformed",
            Detail = bad.Message,
        };
        // A JSON error says where: report it by field, as validation errors are.
        if (bad.InnerException is JsonException json)
        {
            var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$').TrimStart('.');
            problem.Detail = "The body is not valid JSON for this request, or a value has the wrong type.";
            return WithErrors(problem, new Dictionary<string, string[]> { [field] = [FirstSentence(json.Message)] });
        }

        return problem;
    }

    // System.Text.Json names .NET types in its messages; clients get the problem, not our type names.
    private static string FirstSentence(string message)
        => message.Contains("could not be converted", StringComparison.Ordinal)
            ? "Wrong type or value for this field (see the API contract)."
            : message.Split(" Path:", 2)[0].Split(". LineNumber", 2)[0];

    private static ProblemDetails WithErrors(ProblemDetails problem, IReadOnlyDictionary<string, string[]> errors)
    {
        problem.Extensions["errors"] = errors;
        return problem;
    }

    private static ProblemDetails RetryLater(HttpContext httpContext, TransientConflictException busy)
    {
        var problem = RetryAfter(httpContext, busy.RetryAfter, new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Type = ProblemTypes.RetryLater,
            Title = "Busy: retry shortly",
            Detail = busy.Message,
        });
        // Which external system was out of reach, as a field: clients and dashboards need not parse the detail.
        if (ExceptionChain.Find(busy, e => e is PortUnavailableException) is PortUnavailableException down)
        {
            problem.Extensions["system"] = down.Port;
        }

        return problem;
    }

    private static ProblemDetails RetryAfter(HttpContext httpContext, TimeSpan after, ProblemDetails problem)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(after.TotalSeconds));
        httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        problem.Extensions["retryAfterSeconds"] = seconds;
        return problem;
    }

    private static ProblemDetails Named(ProblemDetails problem, ExtensionDescriptor extension)
    {
        problem.Extensions["extension"] = extension.Id;
        problem.Extensions["plugin"] = extension.Origin.PluginId;
        problem.Extensions["pluginVersion"] = extension.Origin.Version;
        return problem;
    }
}
