namespace ReversePaas.Kernel.Activities;

/// <summary>
/// The per-order lock of DOMAIN.md section 6: one holder per order number at a time, across every entry
/// (user, merchant, customer service, background work). In-process for one host; Redis or PostgreSQL when
/// several run.
/// </summary>
public interface IOrderLock
{
    /// <summary>
    /// Waits up to <paramref name="timeout"/> for the order's lock. Throws
    /// <see cref="Domain.TransientConflictException"/> when it could not be had in time; dispose the result to release.
    /// </summary>
    ValueTask<IAsyncDisposable> AcquireAsync(string orderId, TimeSpan timeout, CancellationToken cancellationToken);
}
