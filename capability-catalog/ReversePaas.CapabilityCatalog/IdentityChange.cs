namespace ReversePaas.CapabilityCatalog;

/// <summary>The changes of one identity.</summary>
public sealed record IdentityChange(string Identity, ChangeKind Kind, IReadOnlyList<CapabilityChange> Changes);
