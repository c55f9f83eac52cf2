namespace ReversePaas.Plugins.Mappings;

/// <summary>The identity mappings are invalid; <see cref="Errors"/> lists every error found, not just the first.</summary>
public sealed class IdentityMappingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public IdentityMappingException(IReadOnlyList<IdentityMappingError> errors)
        : base("Identity mappings are invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
    {
        Errors = errors;
    }

    /// <summary>Every error, with file, JSON path and reason.</summary>
    public IReadOnlyList<IdentityMappingError> Errors { get; }
}
