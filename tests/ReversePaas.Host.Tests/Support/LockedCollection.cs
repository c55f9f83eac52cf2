using System.Collections.ObjectModel;

namespace ReversePaas.Host.Tests.Support;

/// <summary>A collection exporters may add to from any thread while a test reads <see cref="Snapshot"/>.</summary>
public sealed class LockedCollection<T> : Collection<T>
{
    private readonly Lock _gate = new();

    public IReadOnlyList<T> Snapshot()
    {
        lock (_gate)
        {
            return [.. Items];
        }
    }

    protected override void InsertItem(int index, T item)
    {
        lock (_gate)
        {
            base.InsertItem(index, item);
        }
    }

    protected override void ClearItems()
    {
        lock (_gate)
        {
            base.ClearItems();
        }
    }
}
