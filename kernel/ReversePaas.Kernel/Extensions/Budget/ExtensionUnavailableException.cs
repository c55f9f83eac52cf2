namespace ReversePaas.Kernel.Extensions.Budget;

/// <summary>
/// The extension's breaker is open (or a trial call is deciding): the call was not made (API.md: 503
/// <c>…/problems/extension-unavailable</c>, <c>Retry-After</c> = <see cref="RetryAfter"/>).
/// </summary>
public sealed class ExtensionUnavailableException : Exception
{
    public ExtensionUnavailableException(ExtensionResolution resolution, ExtensionDescriptor extension, TimeSpan retryAfter, string? lastFailure)
        : base($"Extension {extension.DisplayName} is unavailable at '{resolution.Point.Code}' for identity '{resolution.Identity}' after repeated failures"
            + (lastFailure is null ? "" : $" (last: {lastFailure})") + $"; retry in {Math.Ceiling(retryAfter.TotalSeconds):0} s.")
    {
        Resolution = resolution;
        Extension = extension;
        RetryAfter = retryAfter;
    }

    public ExtensionResolution Resolution { get; }

    public ExtensionDescriptor Extension { get; }

    public TimeSpan RetryAfter { get; }
}
