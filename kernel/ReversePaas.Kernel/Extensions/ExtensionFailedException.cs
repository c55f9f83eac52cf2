namespace ReversePaas.Kernel.Extensions;

/// <summary>An extension threw; the message names the extension, its plugin, the point and the identity.</summary>
public sealed class ExtensionFailedException : Exception
{
    /// <summary>Wraps what an extension threw.</summary>
    public ExtensionFailedException(ExtensionResolution resolution, ExtensionDescriptor extension, Exception inner)
        : base($"Extension {extension.DisplayName} failed at '{resolution.Point.Code}' for identity '{resolution.Identity}': {inner.Message}", inner)
    {
        Resolution = resolution;
        Extension = extension;
    }

    /// <summary>The resolution that was being run.</summary>
    public ExtensionResolution Resolution { get; }

    /// <summary>The extension that failed.</summary>
    public ExtensionDescriptor Extension { get; }

    /// <summary>
    /// True when what an extension threw is its own failure, to be wrapped in this exception. Not cancellation, and not
    /// <see cref="ReversePaas.Sdk.Ports.PortUnavailableException"/>: an external system being down is not the
    /// extension's fault, and passed on as it is the host answers 503 naming the system and background steps retry.
    /// </summary>
    internal static bool Blames(Exception thrown) => thrown is not (OperationCanceledException or ReversePaas.Sdk.Ports.PortUnavailableException);
}
