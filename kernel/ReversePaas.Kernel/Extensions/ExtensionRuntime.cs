namespace ReversePaas.Kernel.Extensions;

/// <summary>
/// Holds the current <see cref="ExtensionSnapshot"/> and swaps it atomically. Callers read
/// <see cref="Current"/> once per unit of work and keep using that snapshot, so a reload never changes
/// the rules in the middle of a request.
/// </summary>
public sealed class ExtensionRuntime
{
    private ExtensionSnapshot _current;

    /// <summary>
    /// Starts with an initial snapshot; with a <paramref name="budget"/>, every extension call runs under it; with
    /// <paramref name="usage"/>, every call is counted into it for the catalog.
    /// </summary>
    public ExtensionRuntime(ExtensionSnapshot initial, Budget.ExtensionCallBudget? budget = null, Telemetry.Usage.ExtensionUsage? usage = null)
    {
        Budget = budget;
        Usage = usage;
        budget?.Attach(initial);
        usage?.Attach(initial);
        _current = initial;
    }

    /// <summary>This host's recent calls per identity × point × extension (null: not counted).</summary>
    public Telemetry.Usage.ExtensionUsage? Usage { get; }

    /// <summary>The call budget of this host's extension calls (null: calls are only wrapped, never timed).</summary>
    public Budget.ExtensionCallBudget? Budget { get; }

    // The lease of the unit of work running in this async flow, if it took one.
    private static readonly AsyncLocal<SnapshotLease?> Ambient = new();

    /// <summary>
    /// The snapshot of the unit of work in this async flow when it holds a <see cref="Lease"/>; otherwise the one
    /// published last.
    /// </summary>
    public ExtensionSnapshot Current => Ambient.Value?.Snapshot ?? Volatile.Read(ref _current);

    /// <summary>The snapshot published last, whatever the unit of work in this flow holds (for reporting a reload).</summary>
    public ExtensionSnapshot Latest => Volatile.Read(ref _current);

    /// <summary>
    /// Holds the current snapshot for one unit of work (a request, an outbox delivery, a deadline run): until the
    /// lease is disposed, <see cref="Current"/> answers it in this async flow, and a reload that replaces it waits
    /// for the lease before it unloads the snapshot's plugins. One allocation per unit of work.
    /// </summary>
    public SnapshotLease Lease()
    {
        while (true)
        {
            var snapshot = Volatile.Read(ref _current);
            // Fails only for a snapshot already replaced and drained: read the newer one.
            if (snapshot.TryAcquire())
            {
                var lease = new SnapshotLease(snapshot, Ambient.Value);
                Ambient.Value = lease;
                return lease;
            }
        }
    }

    internal static void EndLease(SnapshotLease lease)
    {
        if (ReferenceEquals(Ambient.Value, lease))
        {
            Ambient.Value = lease.Outer;
        }
    }

    /// <summary>Raised after a new snapshot was published.</summary>
    public event EventHandler<ExtensionSnapshot>? Published;

    /// <summary>Makes <paramref name="next"/> current and returns the snapshot it replaced.</summary>
    /// <exception cref="InvalidOperationException">The snapshot is older than the current one.</exception>
    public ExtensionSnapshot Publish(ExtensionSnapshot next)
    {
        while (true)
        {
            var current = Volatile.Read(ref _current);
            if (next.Generation <= current.Generation)
            {
                throw new InvalidOperationException(
                    $"Snapshot generation {next.Generation} is not newer than the current {current.Generation}.");
            }

            Budget?.Attach(next);
            Usage?.Attach(next);

            if (ReferenceEquals(Interlocked.CompareExchange(ref _current, next, current), current))
            {
                Published?.Invoke(this, next);
                return current;
            }
        }
    }
}
