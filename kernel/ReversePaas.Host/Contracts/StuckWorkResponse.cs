namespace ReversePaas.Host.Contracts;

/// <summary>Work waiting for people or behind schedule (<c>GET /api/v1/ops/stuck</c>).</summary>
public sealed record StuckWorkResponse(DateTimeOffset At, IReadOnlyList<StuckAfterSale> AfterSales, IReadOnlyList<StuckMessage> OutboxMessages);
