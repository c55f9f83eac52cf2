namespace ReversePaas.Kernel.Domain;

/// <summary>
/// A business rule refused a command that was well-formed (state not eligible, over a cap, an illegal
/// transition, an ambiguous match). The host answers 409 with <see cref="Exception.Message"/> as detail, so
/// the message says what was refused and why, in words a support engineer can act on.
/// </summary>
public class DomainRuleException : Exception
{
    /// <param name="reason">A short machine-readable reason, e.g. <c>illegal-transition</c>, <c>quantity-over-claimable</c>.</param>
    /// <param name="message">What was refused and why.</param>
    public DomainRuleException(string reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    /// <summary>A short machine-readable reason (kebab-case), also returned to clients as <c>reason</c>.</summary>
    public string Reason { get; }
}
