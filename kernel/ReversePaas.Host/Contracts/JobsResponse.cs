namespace ReversePaas.Host.Contracts;

/// <summary><c>GET /api/v1/ops/jobs</c>: the deadlines held by the job store at <paramref name="Now"/>, soonest first.</summary>
public sealed record JobsResponse(DateTimeOffset Now, IReadOnlyList<ScheduledDeadline> Deadlines);
