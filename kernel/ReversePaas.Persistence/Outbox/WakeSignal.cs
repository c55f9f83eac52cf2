namespace ReversePaas.Persistence.Outbox;

/// <summary>A coalescing wake-up for a background loop: any number of notifications before it wakes count as one.</summary>
public abstract class WakeSignal : IDisposable
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Wakes the loop, or keeps it from sleeping on its next wait.</summary>
    public void Notify()
    {
        // Every commit notifies, and while the loop is busy (or paused) a wake-up is nearly always pending already: not
        // releasing then spares the request a thrown and caught exception. The check races with the loop taking the
        // wake-up, which the catch below covers; a wake-up missed that way is impossible, since the count read was 1.
        if (_wake.CurrentCount > 0)
        {
            return;
        }

        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A wake-up is already pending; one is enough.
        }
    }

    /// <summary>Waits for a wake-up or the timeout; true when woken.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);

    public void Dispose()
    {
        _wake.Dispose();
        GC.SuppressFinalize(this);
    }
}
