using System.Runtime.CompilerServices;
using ReversePaas.Sdk;

namespace ReversePaas.Kernel.Extensions;

/// <summary>
/// Everything one business identity resolves to in a snapshot: per point, the serving extension(s) and
/// why, plus the identity's merged settings. Looked up once per request; dispatch is then an array index.
/// </summary>
public sealed class IdentityExtensions
{
    private readonly ExtensionResolution?[] _bySlot;

    internal IdentityExtensions(BusinessIdentity identity, ExtensionResolution?[] bySlot, IReadOnlyList<ExtensionResolution> resolutions, IdentitySettings settings)
    {
        Identity = identity;
        _bySlot = bySlot;
        Resolutions = resolutions;
        Settings = settings;
    }

    /// <summary>The identity (for an identity unknown to the snapshot, its nearest known ancestor).</summary>
    public BusinessIdentity Identity { get; }

    /// <summary>Every point's resolution, ordered by activity then point code.</summary>
    public IReadOnlyList<ExtensionResolution> Resolutions { get; }

    /// <summary>The identity's settings, merged along its parents.</summary>
    public IdentitySettings Settings { get; }

    /// <summary>The extension serving a <see cref="CombineMode.Single"/> point.</summary>
    /// <exception cref="ExtensionConflictException">Equal-rank extensions clash for this identity.</exception>
    /// <exception cref="InvalidOperationException">The point is not registered or is a chain.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Resolved<TPoint> Single<TPoint>()
        where TPoint : class
    {
        var resolution = Find<TPoint>();
        if (resolution.Point.Combine != CombineMode.Single)
        {
            throw WrongMode(resolution.Point, "Chain<T>()");
        }

        return resolution.Source == ResolutionSource.Conflict
            ? throw new ExtensionConflictException(resolution)
            : new Resolved<TPoint>(Unsafe.As<TPoint>(resolution.Target!), resolution);
    }

    /// <summary>The extensions of a <see cref="CombineMode.Chain"/> point, in run order.</summary>
    /// <exception cref="InvalidOperationException">The point is not registered or is single.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ResolvedChain<TPoint> Chain<TPoint>()
        where TPoint : class
    {
        var resolution = Find<TPoint>();
        return resolution.Point.Combine == CombineMode.Chain
            ? new ResolvedChain<TPoint>(Unsafe.As<TPoint[]>(resolution.Target!), resolution)
            : throw WrongMode(resolution.Point, "Single<T>()");
    }

    /// <summary>
    /// True when an extension of plugin <paramref name="pluginId"/> serves any point for this identity (a conflict counts:
    /// the plugin is meant to serve it). Used to refuse plugin-owned fields nothing of that plugin would read.
    /// </summary>
    public bool Serves(string pluginId)
    {
        foreach (var resolution in Resolutions)
        {
            foreach (var extension in resolution.Extensions)
            {
                if (string.Equals(extension.Origin.PluginId, pluginId, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The resolution of the point with <paramref name="code"/>, or null when no such point exists.</summary>
    public ExtensionResolution? Find(string code)
    {
        foreach (var resolution in Resolutions)
        {
            if (string.Equals(resolution.Point.Code, code, StringComparison.Ordinal))
            {
                return resolution;
            }
        }

        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ExtensionResolution Find<TPoint>()
        where TPoint : class
    {
        var slot = PointSlot<TPoint>.Index;
        var table = _bySlot;
        return (uint)slot < (uint)table.Length && table[slot] is { } resolution
            ? resolution
            : throw new InvalidOperationException(
                $"'{typeof(TPoint).FullName}' is not an extension point registered with the kernel; register it in KernelExtensionPoints.");
    }

    private static InvalidOperationException WrongMode(ExtensionPointDescriptor point, string use)
        => new($"Extension point '{point.Code}' combines as {point.Combine}; call {use} for it.");
}
