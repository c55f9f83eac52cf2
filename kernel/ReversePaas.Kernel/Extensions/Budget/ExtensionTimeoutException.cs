namespace ReversePaas.Kernel.Extensions.Budget;

/// <summary>
/// An extension call ran longer than <see cref="ExtensionCallBudget.CallTimeout"/>: the unit of work it belonged to
/// stopped waiting, wrote nothing and released the order's lock (API.md: 503 <c>…/problems/extension-timeout</c>).
/// </summary>
public sealed class ExtensionTimeoutException : Exception
{
    public ExtensionTimeoutException(ExtensionResolution resolution, ExtensionDescriptor extension, TimeSpan timeout)
        : base($"Extension {extension.DisplayName} did not answer within {timeout.TotalMilliseconds:0} ms at '{resolution.Point.Code}' for identity '{resolution.Identity}'; nothing was written.")
    {
        Resolution = resolution;
        Extension = extension;
        Timeout = timeout;
    }

    public ExtensionResolution Resolution { get; }

    public ExtensionDescriptor Extension { get; }

    public TimeSpan Timeout { get; }
}
