namespace ReversePaas.Plugins.Mappings;

/// <summary>
/// The identity mappings are invalid, so orders cannot be routed to their business lines: start-up stops and a
/// reload is refused. <see cref="Errors"/> lists every error found, not just the first, so one round of edits
/// can fix them all; the message has one line per error.
/// </summary>
public sealed class IdentityMappingException : Exception
{
    /// <summary>Creates the exception from the errors found (at least one).</summary>
    public IdentityMappingException(IReadOnlyList<IdentityMappingError> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        ArgumentOutOfRangeException.ThrowIfZero(errors.Count);
        Errors = errors;
    }

    /// <summary>Every error, with file, JSON path and reason, in file order and then line order.</summary>
    public IReadOnlyList<IdentityMappingError> Errors { get; }
}
