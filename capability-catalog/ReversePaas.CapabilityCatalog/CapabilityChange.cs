using ReversePaas.Kernel.Extensions;

namespace ReversePaas.CapabilityCatalog;

/// <summary>One point of one identity served differently.</summary>
public sealed record CapabilityChange(string Point, ChangeKind Kind, IReadOnlyList<string> From, IReadOnlyList<string> To, ResolutionSource? FromSource, ResolutionSource? ToSource);
