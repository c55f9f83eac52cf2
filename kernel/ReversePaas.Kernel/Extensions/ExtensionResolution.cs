using ReversePaas.Sdk;

namespace ReversePaas.Kernel.Extensions;

/// <summary>
/// The precomputed answer to "which extension serves this identity at this point, and why". The catalog
/// shows these objects and dispatch hands out their instances, so the two can never disagree.
/// </summary>
public sealed class ExtensionResolution
{
    internal ExtensionResolution(
        ExtensionPointDescriptor point,
        BusinessIdentity identity,
        ResolutionSource source,
        BusinessIdentity decidedAt,
        bool viaBinding,
        IReadOnlyList<ExtensionDescriptor> extensions)
    {
        Point = point;
        Identity = identity;
        Source = source;
        DecidedAt = decidedAt;
        ViaBinding = viaBinding;
        Extensions = extensions;
        if (source == ResolutionSource.Conflict)
        {
            ConflictMessage =
                $"Extension point '{point.Code}' has conflicting extensions for identity '{identity}' (declared at '{decidedAt}'): " +
                string.Join(" and ", extensions.Select(e => e.DisplayName)) +
                $". Give one a higher Priority, remove one, or bind one explicitly in identity-mappings/bindings/{decidedAt}.json.";
        }
    }

    public ExtensionPointDescriptor Point { get; }

    /// <summary>The identity this answer is for.</summary>
    public BusinessIdentity Identity { get; }

    /// <summary>Why the extension(s) serve it.</summary>
    public ResolutionSource Source { get; }

    /// <summary>
    /// The identity whose binding or declaration decided (the identity itself, or the parent it was
    /// inherited from); the default identity for <see cref="ResolutionSource.KernelDefault"/>.
    /// </summary>
    public BusinessIdentity DecidedAt { get; }

    /// <summary>True when an explicit binding decided (directly or inherited from a parent).</summary>
    public bool ViaBinding { get; }

    /// <summary>
    /// The serving extension(s): one for a <see cref="CombineMode.Single"/> point, all in run order for a
    /// <see cref="CombineMode.Chain"/>; for a <see cref="ResolutionSource.Conflict"/>, the candidates that clash.
    /// </summary>
    public IReadOnlyList<ExtensionDescriptor> Extensions { get; }

    /// <summary>For a conflict, the message dispatch fails with; otherwise null.</summary>
    public string? ConflictMessage { get; }

    /// <summary>True when dispatch at this point fails for this identity.</summary>
    public bool IsConflict => Source == ResolutionSource.Conflict;

    /// <summary>Typed instances for dispatch: the single instance, or a <c>TPoint[]</c> for a chain.</summary>
    internal object? Target { get; init; }

    /// <summary>This host's usage cells for the serving extensions (null where no host counts usage: kernel tests, tools).</summary>
    internal Telemetry.Usage.ResolutionUsage? Usage { get; set; }
}
