using Microsoft.AspNetCore.Mvc;

namespace ReversePaas.Host.Contracts;

/// <summary>Query string of <c>GET /api/v1/ops/jobs</c>.</summary>
/// <param name="Limit">How many deadlines to list, soonest first (1–5000, default 500).</param>
public sealed record JobsQuery([FromQuery(Name = "limit")] int? Limit)
{
    public const int MaxLimit = 5000;
}
