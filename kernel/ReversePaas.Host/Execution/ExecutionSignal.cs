using ReversePaas.Kernel.Activities;

namespace ReversePaas.Host.Execution;

/// <summary>Wakes <see cref="ExecutionWorker"/> as soon as a request made work due (coalesced: one pending wake-up at most).</summary>
internal sealed class ExecutionSignal : IExecutionSignal, IDisposable
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Notify()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A wake-up is already pending; one is enough.
        }
    }

    public void Dispose() => _wake.Dispose();

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);
}
