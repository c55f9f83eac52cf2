namespace ReversePaas.Host.Contracts;

/// <summary>
/// One identity × point cell's serving extension on this host: calls in the window (every outcome), failures (failed,
/// timed out, or refused by an open breaker), and the 95th percentile duration in milliseconds (null without calls).
/// </summary>
internal sealed record CellUsageResponse(string Identity, string Point, string Plugin, string Extension, long Calls, long Failures, double? P95Ms, TimeSpan Window);
