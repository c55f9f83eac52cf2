namespace ReversePaas.Kernel.Extensions;

/// <summary>
/// One (identity, point) answer in a per-point dispatch table: the ready-to-call target beside its resolution.
/// <see cref="Target"/> is null where the fast path must not answer (a conflict, which has to throw).
/// </summary>
internal readonly record struct DispatchEntry(object? Target, ExtensionResolution Resolution);
