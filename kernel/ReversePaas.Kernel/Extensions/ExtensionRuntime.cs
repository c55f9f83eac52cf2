namespace ReversePaas.Kernel.Extensions;

/// <summary>
/// Holds the current <see cref="ExtensionSnapshot"/> and swaps it atomically. Callers read
/// <see cref="Current"/> once per unit of work and keep using that snapshot, so a reload never changes
/// the rules in the middle of a request.
/// </summary>
public sealed class ExtensionRuntime
{
    private ExtensionSnapshot _current;

    /// <summary>Starts with an initial snapshot.</summary>
    public ExtensionRuntime(ExtensionSnapshot initial)
    {
        _current = initial;
    }

    /// <summary>The snapshot to use for new work.</summary>
    public ExtensionSnapshot Current => Volatile.Read(ref _current);

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

            if (ReferenceEquals(Interlocked.CompareExchange(ref _current, next, current), current))
            {
                Published?.Invoke(this, next);
                return current;
            }
        }
    }
}
