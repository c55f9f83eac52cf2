using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ReversePaas.Host.Problems;

/// <summary>
/// Writes problem details as <c>application/problem+json</c> when the framework's writer declines because the
/// request's <c>Accept</c> header does not admit JSON (a browser's <c>text/html</c>, a scraper's <c>text/plain</c>).
/// Without it <see cref="IProblemDetailsService.WriteAsync"/> throws and a refused or unknown request turns into a 500;
/// an error body in a type the client did not ask for is more useful than no answer (RFC 9110 §12.5.1 allows it).
/// Registered after <c>AddProblemDetails</c>, so it only answers what the framework's writer leaves.
/// </summary>
internal sealed class ProblemJsonFallbackWriter(IOptions<ProblemDetailsOptions> problemOptions, IOptions<JsonOptions> jsonOptions)
    : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var response = context.HttpContext.Response;
        var problem = context.ProblemDetails;
        problem.Status ??= response.StatusCode;

        // Creating the result fills in the standard type and title of the status, as the framework's writer does.
        _ = TypedResults.Problem(problem);
        problemOptions.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(response.WriteAsJsonAsync(problem, problem.GetType(), jsonOptions.Value.SerializerOptions, "application/problem+json"));
    }
}
