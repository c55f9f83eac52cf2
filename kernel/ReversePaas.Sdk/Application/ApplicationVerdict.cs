namespace ReversePaas.Sdk.Application;

/// <summary>An application check's answer: go on, or refuse with a reason the applicant will read.</summary>
public sealed class ApplicationVerdict
{
    private ApplicationVerdict(string? reason)
    {
        Reason = reason;
    }

    /// <summary>Nothing to object to.</summary>
    public static ApplicationVerdict Accept { get; } = new(null);

    /// <summary>True when the application must be refused.</summary>
    public bool IsRejected => Reason is not null;

    /// <summary>Why it was refused (null when accepted).</summary>
    public string? Reason { get; }

    /// <summary>Refuses the application; <paramref name="reason"/> reaches the applicant as the problem's detail.</summary>
    public static ApplicationVerdict Reject(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new ApplicationVerdict(reason);
    }
}
