using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using ReversePaas.Sdk;

namespace ReversePaas.Kernel.Extensions;

/// <summary>
/// An immutable, fully resolved view of every extension point, extension and identity for one plugin set
/// and one set of identity mappings. Built once, swapped atomically by <see cref="ExtensionRuntime"/>;
/// work that started on a snapshot finishes on it. Dispatch does no reflection and allocates nothing.
/// </summary>
public sealed class ExtensionSnapshot
{
    private readonly FrozenDictionary<string, IdentityExtensions> _byIdentity;
    private readonly FrozenDictionary<string, IdentityExtensions>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    internal ExtensionSnapshot(
        long generation,
        IReadOnlyList<ExtensionPointDescriptor> points,
        IReadOnlyList<ExtensionDescriptor> extensions,
        FrozenDictionary<string, IdentityExtensions> byIdentity,
        IReadOnlyList<ExtensionProblem> problems)
    {
        Generation = generation;
        Points = points;
        Extensions = extensions;
        _byIdentity = byIdentity;
        _bySpan = byIdentity.GetAlternateLookup<ReadOnlySpan<char>>();
        Identities = [.. byIdentity.Values.OrderBy(p => p.Identity.Value, StringComparer.Ordinal)];
        Problems = problems;
    }

    /// <summary>Increases with every snapshot the runtime publishes.</summary>
    public long Generation { get; }

    /// <summary>Every registered extension point, ordered by activity then code.</summary>
    public IReadOnlyList<ExtensionPointDescriptor> Points { get; }

    /// <summary>Every registered extension, kernel defaults included, ordered by id.</summary>
    public IReadOnlyList<ExtensionDescriptor> Extensions { get; }

    /// <summary>Every identity the snapshot knows (from rules, bindings and declarations, with their parents).</summary>
    public IReadOnlyList<IdentityExtensions> Identities { get; }

    /// <summary>Problems found while building: conflicts, bad bindings, rejected extensions.</summary>
    public IReadOnlyList<ExtensionProblem> Problems { get; }

    /// <summary>True when any problem is an <see cref="ProblemSeverity.Error"/>.</summary>
    public bool HasErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error);

    /// <summary>
    /// The resolved extensions of <paramref name="identity"/>; an identity the snapshot does not know falls
    /// back to its nearest known ancestor (ultimately the default), as business identities do.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public IdentityExtensions For(BusinessIdentity identity)
        => _byIdentity.TryGetValue(identity.Value, out var found) ? found : NearestKnownAncestor(identity.Value);

    // Kept out of For() so the common case (a known identity) stays small enough to inline.
    private IdentityExtensions NearestKnownAncestor(string text)
    {
        ReadOnlySpan<char> span = text;
        for (var dot = span.LastIndexOf('.'); dot > 0; dot = span.LastIndexOf('.'))
        {
            span = span[..dot];
            if (_bySpan.TryGetValue(span, out var found))
            {
                return found;
            }
        }

        return _byIdentity[BusinessIdentity.DefaultName];
    }

    /// <summary>Shortcut for <c>For(identity).Single&lt;TPoint&gt;()</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Resolved<TPoint> Single<TPoint>(BusinessIdentity identity)
        where TPoint : class
        => For(identity).Single<TPoint>();

    /// <summary>Shortcut for <c>For(identity).Chain&lt;TPoint&gt;()</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ResolvedChain<TPoint> Chain<TPoint>(BusinessIdentity identity)
        where TPoint : class
        => For(identity).Chain<TPoint>();

    /// <summary>The point with <paramref name="code"/>, or null.</summary>
    public ExtensionPointDescriptor? FindPoint(string code)
        => Points.FirstOrDefault(p => string.Equals(p.Code, code, StringComparison.Ordinal));

    /// <summary>The extension with <paramref name="id"/>, or null.</summary>
    public ExtensionDescriptor? FindExtension(string id)
        => Extensions.FirstOrDefault(e => string.Equals(e.Id, id, StringComparison.Ordinal));
}
