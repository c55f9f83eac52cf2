using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReversePaas.Host.Problems;

namespace ReversePaas.Host.Health;

/// <summary>
/// Writes health reports: JSON with each check when healthy or degraded, and an RFC 9457 problem (503) that carries
/// the same checks when unhealthy, because every error response of the host is problem details. Degraded stays 200:
/// it says the host lags (outbox behind, a deadline late) while it still serves requests correctly, and taking every
/// host out of the load balancer because a downstream system is slow would turn a delay into an outage.
/// </summary>
internal static class HealthResponseWriter
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        var checks = report.Entries.Select(e => new
        {
            name = e.Key,
            status = e.Value.Status.ToString(),
            description = e.Value.Description,
            data = e.Value.Data,
        }).ToArray();

        if (report.Status != HealthStatus.Unhealthy)
        {
            await context.Response.WriteAsJsonAsync(new { status = report.Status.ToString(), checks }, JsonSerializerOptions.Web);
            return;
        }

        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Type = ProblemTypes.NotReady,
                Title = "Not ready",
                Detail = string.Join(" | ", report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).Select(e => $"{e.Key}: {e.Value.Description}")),
                Extensions = { ["health"] = report.Status.ToString(), ["checks"] = checks },
            },
        });
    }
}
