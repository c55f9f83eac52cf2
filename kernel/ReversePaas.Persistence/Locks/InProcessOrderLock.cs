using ReversePaas.Kernel.Activities;
using ReversePaas.Kernel.Domain;

namespace ReversePaas.Persistence.Locks;

/// <summary>
/// Per-order lock inside one process (the default when no Redis is configured): one semaphore per order number,
/// reference-counted so idle orders leave nothing behind. Safe for a single host only.
/// </summary>
public sealed class InProcessOrderLock : IOrderLock
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Orders with a holder or waiters (for tests and metrics).</summary>
    public int ActiveOrders
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<IAsyncDisposable> AcquireAsync(string orderId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(orderId, out entry!))
            {
                _entries[orderId] = entry = new Entry();
            }

            entry.Users++;
        }

        var acquired = false;
        try
        {
            acquired = await entry.Gate.WaitAsync(timeout, cancellationToken);
        }
        finally
        {
            if (!acquired)
            {
                Leave(orderId, entry);
            }
        }

        return acquired
            ? new Holder(this, orderId, entry)
            : throw new TransientConflictException($"Order '{orderId}' is busy (another request holds its lock); nothing was written. Retry shortly.", TimeSpan.FromSeconds(1));
    }

    private void Leave(string orderId, Entry entry)
    {
        lock (_entries)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(orderId);
                entry.Gate.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Holder(InProcessOrderLock owner, string orderId, Entry entry) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                entry.Gate.Release();
                owner.Leave(orderId, entry);
            }

            return ValueTask.CompletedTask;
        }
    }
}
