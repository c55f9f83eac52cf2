namespace ReversePaas.Kernel.Domain;

/// <summary>
/// The work could not be done now but may succeed if retried: the order lock was not had in time, or the
/// ledger changed underneath (optimistic concurrency, the fence behind the lock). Nothing was written. The
/// host answers 503 with <c>Retry-After</c>.
/// </summary>
public sealed class TransientConflictException : Exception
{
    public TransientConflictException(string message, TimeSpan retryAfter, Exception? inner = null)
        : base(message, inner)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>When a retry makes sense.</summary>
    public TimeSpan RetryAfter { get; }
}
