namespace ReversePaas.Kernel.Domain;

/// <summary>
/// Input that can never be valid whatever the state (a discount larger than its scope, a line number that
/// does not exist). The host answers 400 with <see cref="Errors"/> as the problem's <c>errors</c>.
/// </summary>
public sealed class DomainValidationException : Exception
{
    /// <summary>Creates the exception from field → messages.</summary>
    public DomainValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base(string.Join("; ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception for one field.</summary>
    public DomainValidationException(string field, string message)
        : this(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] })
    {
    }

    /// <summary>Field (JSON path as the client sent it, e.g. <c>discounts[0].amount</c>) → messages.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
