namespace ReversePaas.Sdk.Ports;

/// <summary>
/// What an external system answered: done (with its reference) or refused (with its reason). A system that
/// could not be reached throws <see cref="PortUnavailableException"/> instead, so the kernel retries.
/// </summary>
public sealed class PortResult
{
    private PortResult(bool succeeded, string reference, string? reason)
    {
        Succeeded = succeeded;
        Reference = reference;
        FailureReason = reason;
    }

    /// <summary>True when the system did what was asked.</summary>
    public bool Succeeded { get; }

    /// <summary>The system's reference (refund number, shipment id); empty when refused.</summary>
    public string Reference { get; }

    /// <summary>Why the system refused (null on success).</summary>
    public string? FailureReason { get; }

    /// <summary>The system did it.</summary>
    public static PortResult Success(string reference) => new(true, reference, null);

    /// <summary>The system refused.</summary>
    public static PortResult Failure(string reason) => new(false, "", reason);
}
