namespace ReversePaas.Host.Tests.Support;

/// <summary>
/// A point where a test holds one call until it lets it go: the call says it arrived and waits for
/// <see cref="Open"/>. Synchronisation by signals both ways, never by sleeping.
/// </summary>
public sealed class Gate
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the held call arrived at the gate.</summary>
    public Task Reached => _reached.Task;

    /// <summary>Lets the held call go on.</summary>
    public void Open() => _opened.TrySetResult();

    /// <summary>Called by the held code: signals its arrival and waits until the test opens the gate.</summary>
    public async Task PassAsync(CancellationToken cancellationToken)
    {
        _reached.TrySetResult();
        await _opened.Task.WaitAsync(cancellationToken);
    }
}
