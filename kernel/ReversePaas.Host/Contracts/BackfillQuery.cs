using Microsoft.AspNetCore.Mvc;

namespace ReversePaas.Host.Contracts;

/// <summary>Query string of <c>POST /api/v1/ops/search/backfill</c>.</summary>
/// <param name="BatchSize">After-sales per batch (1–5000, default 500).</param>
/// <param name="MaxBatches">Stop after this many batches (at least 1; default: until done).</param>
/// <param name="Restart">Start again from the first after-sale instead of the checkpoint.</param>
public sealed record BackfillQuery(
    [FromQuery(Name = "batchSize")] int? BatchSize,
    [FromQuery(Name = "maxBatches")] int? MaxBatches,
    [FromQuery(Name = "restart")] bool? Restart)
{
    public const int MaxBatchSize = 5000;
}
