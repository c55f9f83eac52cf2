using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using ReversePaas.Kernel.Extensions.Fields;
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
    private readonly FrozenDictionary<string, IPluginFieldSchema> _fieldSchemas;
    private readonly FrozenDictionary<string, IdentityExtensions>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    // Per Single point slot, identity text → target: one look-up and no chain of dependent reads for one-shot
    // dispatch. Everything else (unknown identities, conflicts, chain points, wrong mode) takes the profile
    // path, which also raises the errors.
    private readonly FrozenDictionary<string, DispatchEntry>?[] _byPoint;
    private readonly FrozenDictionary<string, DispatchEntry>?[] _chainsByPoint;

    internal ExtensionSnapshot(
        long generation,
        IReadOnlyList<ExtensionPointDescriptor> points,
        IReadOnlyList<ExtensionDescriptor> extensions,
        FrozenDictionary<string, IdentityExtensions> byIdentity,
        IReadOnlyList<ExtensionProblem> problems,
        FrozenDictionary<string, IPluginFieldSchema> fieldSchemas)
    {
        _fieldSchemas = fieldSchemas;
        Generation = generation;
        Points = points;
        Extensions = extensions;
        _byIdentity = byIdentity;
        _bySpan = byIdentity.GetAlternateLookup<ReadOnlySpan<char>>();
        Identities = [.. byIdentity.Values.OrderBy(p => p.Identity.Value, StringComparer.Ordinal)];
        Problems = problems;
        _byPoint = BuildDispatchTables(points, byIdentity.Values, CombineMode.Single);
        _chainsByPoint = BuildDispatchTables(points, byIdentity.Values, CombineMode.Chain);
    }

    // Leases held (ExtensionRuntime.Lease); -1 once retired and drained, when no lease may be taken any more.
    private int _leases;
    private int _retired;
    private Action? _onDrained;

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

    /// <summary>The schema of the fields plugin <paramref name="pluginId"/> owns; null when it declares none or is not loaded.</summary>
    public IPluginFieldSchema? FieldSchemaOf(string pluginId) => _fieldSchemas.GetValueOrDefault(pluginId);

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

    /// <summary>Same as <c>For(identity).Single&lt;TPoint&gt;()</c>, through the point's own dispatch table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Resolved<TPoint> Single<TPoint>(BusinessIdentity identity)
        where TPoint : class
    {
        var slot = PointSlot<TPoint>.Index;
        var tables = _byPoint;
        return (uint)slot < (uint)tables.Length
            && tables[slot] is { } table
            && table.TryGetValue(identity.Value, out var entry)
            && entry.Target is { } target
                ? new Resolved<TPoint>(Unsafe.As<TPoint>(target), entry.Resolution)
                : For(identity).Single<TPoint>();
    }

    /// <summary>Same as <c>For(identity).Chain&lt;TPoint&gt;()</c>, through the point's own dispatch table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ResolvedChain<TPoint> Chain<TPoint>(BusinessIdentity identity)
        where TPoint : class
    {
        var slot = PointSlot<TPoint>.Index;
        var tables = _chainsByPoint;
        return (uint)slot < (uint)tables.Length
            && tables[slot] is { } table
            && table.TryGetValue(identity.Value, out var entry)
            && entry.Target is { } target
                ? new ResolvedChain<TPoint>(Unsafe.As<TPoint[]>(target), entry.Resolution)
                : For(identity).Chain<TPoint>();
    }

    private static FrozenDictionary<string, DispatchEntry>?[] BuildDispatchTables(
        IReadOnlyList<ExtensionPointDescriptor> points, IEnumerable<IdentityExtensions> profiles, CombineMode mode)
    {
        var tables = new FrozenDictionary<string, DispatchEntry>?[points.Count == 0 ? 0 : points.Max(p => p.Slot) + 1];
        // One table set per combine mode, so Single<T>() can never be handed a chain's array.
        foreach (var point in points.Where(p => p.Combine == mode))
        {
            tables[point.Slot] = profiles.ToFrozenDictionary(
                p => p.Identity.Value,
                p => p.Find(point.Code) is { } r ? new DispatchEntry(r.IsConflict ? null : r.Target, r) : default,
                StringComparer.Ordinal);
        }

        return tables;
    }

    /// <summary>True once <see cref="Retire"/> was called and the last lease was released (its plugins may be unloaded).</summary>
    public bool IsDrained => Volatile.Read(ref _leases) < 0;

    /// <summary>
    /// Marks the snapshot replaced: <paramref name="onDrained"/> (unloading its plugins) runs once no lease holds it,
    /// at once when none does, else when the last one is released (on that thread).
    /// </summary>
    public void Retire(Action onDrained)
    {
        ArgumentNullException.ThrowIfNull(onDrained);
        // 2 while the callback is being set: a release in between does not drain; the TryDrain below does.
        if (Interlocked.CompareExchange(ref _retired, 2, 0) != 0)
        {
            throw new InvalidOperationException($"Snapshot {Generation} is already retired.");
        }

        Volatile.Write(ref _onDrained, onDrained);
        Volatile.Write(ref _retired, 1);
        TryDrain();
    }

    internal bool TryAcquire()
    {
        while (true)
        {
            var leases = Volatile.Read(ref _leases);
            if (leases < 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _leases, leases + 1, leases) == leases)
            {
                return true;
            }
        }
    }

    internal void Release()
    {
        if (Interlocked.Decrement(ref _leases) == 0 && Volatile.Read(ref _retired) == 1)
        {
            TryDrain();
        }
    }

    // Whoever moves the count from 0 to -1 runs the callback, once: a release racing the retirement cannot run it twice.
    private void TryDrain()
    {
        if (Interlocked.CompareExchange(ref _leases, -1, 0) == 0)
        {
            Interlocked.Exchange(ref _onDrained, null)?.Invoke();
        }
    }

    /// <summary>The point with <paramref name="code"/>, or null.</summary>
    public ExtensionPointDescriptor? FindPoint(string code)
        => Points.FirstOrDefault(p => string.Equals(p.Code, code, StringComparison.Ordinal));

    /// <summary>The extension with <paramref name="id"/>, or null.</summary>
    public ExtensionDescriptor? FindExtension(string id)
        => Extensions.FirstOrDefault(e => string.Equals(e.Id, id, StringComparison.Ordinal));
}
