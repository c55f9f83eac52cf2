namespace ReversePaas.Host.Contracts;

/// <summary>The answer of <c>POST /api/v1/ops/dashboard-session</c>: where the dashboard is, and when the session cookie expires.</summary>
public sealed record DashboardSessionResponse(string Path, DateTimeOffset ExpiresAt);
