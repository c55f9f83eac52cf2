namespace ReversePaas.Kernel.Telemetry.Usage;

/// <summary>
/// One cell's recent figures on this host: calls (every outcome), failures (failed, timed out, or refused by an open
/// breaker) and the 95th percentile duration in milliseconds (null without calls).
/// </summary>
public sealed record UsageFigures(string Identity, string Point, string Plugin, string Extension, long Calls, long Failures, double? P95Ms);
