using Hangfire.Dashboard;

namespace ReversePaas.Host.Dashboard;

/// <summary>Lets into the Hangfire dashboard only a request carrying a valid Ops session cookie (<see cref="OpsDashboardSession"/>).</summary>
internal sealed class OpsDashboardAuthorization(OpsDashboardSession sessions) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => sessions.SubjectOf(context.GetHttpContext()) is not null;
}
