using Microsoft.AspNetCore.Mvc;

namespace ReversePaas.Host.Contracts;

/// <summary>Headers of <c>POST /api/v1/after-sales</c>.</summary>
/// <param name="IdempotencyKey">Repeating the application with the same key and body answers the first one's after-sale.</param>
public sealed record ApplyHeaders([FromHeader(Name = ApplyHeaders.IdempotencyKeyHeader)] string? IdempotencyKey)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
}
