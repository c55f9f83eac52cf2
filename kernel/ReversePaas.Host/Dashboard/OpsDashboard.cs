using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using ReversePaas.Host.Auth;
using ReversePaas.Host.Contracts;

namespace ReversePaas.Host.Dashboard;

/// <summary>The Hangfire dashboard for Ops at <see cref="OpsDashboardSession.Path"/>, and its sign-in route.</summary>
internal static class OpsDashboard
{
    public static IServiceCollection AddOpsDashboard(this IServiceCollection services)
        => services.AddSingleton<OpsDashboardSession>();

    /// <summary>
    /// Serves the dashboard. Placed after authentication (so a refused request is told 401 or 403 correctly) and before
    /// authorization (whose fallback policy asks for a key, which a browser page cannot send).
    /// </summary>
    public static IApplicationBuilder UseOpsDashboard(this WebApplication app)
        => app.UseHangfireDashboard(OpsDashboardSession.Path, new DashboardOptions
        {
            Authorization = [new OpsDashboardAuthorization(app.Services.GetRequiredService<OpsDashboardSession>())],
            AppPath = "/catalog",
            DashboardTitle = "ReversePaas · jobs",
            DisplayStorageConnectionString = false,
        }, app.Services.GetRequiredService<JobStorage>());

    /// <summary><c>POST /api/v1/ops/dashboard-session</c> (Ops): the cookie that opens the dashboard.</summary>
    public static RouteGroupBuilder MapDashboardSession(this RouteGroupBuilder ops)
    {
        ops.MapPost("/dashboard-session", Issue)
            .WithSummary("Trades the caller's Ops key for a short-lived HttpOnly cookie that opens the Hangfire dashboard at /ops/jobs in a browser.");
        return ops;
    }

    private static Ok<DashboardSessionResponse> Issue(HttpContext context, OpsDashboardSession sessions)
    {
        var subject = context.User.FindFirst(ApiKeyAuthenticationHandler.SubjectClaim)?.Value ?? "ops";
        return TypedResults.Ok(new DashboardSessionResponse(OpsDashboardSession.Path, sessions.Issue(context, subject)));
    }
}
