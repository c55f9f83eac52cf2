namespace ReversePaas.Host.Contracts;

/// <summary>
/// <c>GET /api/v1/catalog/usage</c>: this host's recent extension calls per catalog cell, read at <paramref name="At"/>
/// over the sliding <paramref name="Window"/> (docs/observability.md, "Catalog usage").
/// </summary>
internal sealed record CatalogUsageResponse(DateTimeOffset At, TimeSpan Window, IReadOnlyList<CellUsageResponse> Cells);
