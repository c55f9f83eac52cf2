namespace ReversePaas.Kernel.Extensions;

/// <summary>
/// A unit of work's hold on the <see cref="ExtensionSnapshot"/> it started on (<see cref="ExtensionRuntime.Lease"/>):
/// while it is held, <see cref="ExtensionRuntime.Current"/> answers that snapshot in the work's async flow, and a
/// snapshot a reload replaced is not retired (its plugins stay loaded) until its last lease is disposed.
/// </summary>
public sealed class SnapshotLease : IDisposable
{
    private ExtensionSnapshot? _snapshot;

    internal SnapshotLease(ExtensionSnapshot snapshot, SnapshotLease? outer)
    {
        _snapshot = snapshot;
        Outer = outer;
    }

    /// <summary>The snapshot held; null once disposed (so work that outlives the lease, e.g. a task started in it, reads the published one).</summary>
    public ExtensionSnapshot? Snapshot => Volatile.Read(ref _snapshot);

    /// <summary>The lease that was ambient when this one was taken (restored on dispose).</summary>
    internal SnapshotLease? Outer { get; }

    /// <summary>Releases the snapshot; the last release of a replaced snapshot retires it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _snapshot, null) is { } snapshot)
        {
            ExtensionRuntime.EndLease(this);
            snapshot.Release();
        }
    }
}
