namespace ReversePaas.Kernel.Extensions;

/// <summary>
/// The extension serving one identity at a <see cref="ReversePaas.Sdk.CombineMode.Single"/> point, with
/// its attribution (plugin, extension, identity). A struct: dispatch allocates nothing.
/// </summary>
public readonly struct Resolved<TPoint>
    where TPoint : class
{
    // The instance is carried beside the resolution so calling it needs no read through the resolution.
    internal Resolved(TPoint instance, ExtensionResolution resolution)
    {
        Instance = instance;
        Resolution = resolution;
    }

    /// <summary>The implementation to call.</summary>
    public TPoint Instance { get; }

    /// <summary>Which extension, from which plugin, and why.</summary>
    public ExtensionResolution Resolution { get; }

    public ExtensionDescriptor Extension => Resolution.Extensions[0];

    /// <summary>
    /// Calls the extension under the call budget (a breaker that is open throws
    /// <see cref="Budget.ExtensionUnavailableException"/>, a call over the budget <see cref="Budget.ExtensionTimeoutException"/>);
    /// an exception it throws comes back as <see cref="ExtensionFailedException"/>
    /// naming the extension, its plugin and the identity, except cancellation and
    /// <see cref="ReversePaas.Sdk.Ports.PortUnavailableException"/> (<see cref="ExtensionFailedException.Blames"/>).
    /// Pass a static lambda to avoid a closure.
    /// </summary>
    public TResult Invoke<TArg, TResult>(TArg argument, Func<TPoint, TArg, TResult> call)
        => Budget.ExtensionCall.Run(Instance, Resolution, Extension, argument, call);

    /// <summary>
    /// Calls an asynchronous extension. Its exceptions come back as <see cref="ExtensionFailedException"/>, except
    /// cancellation and <see cref="ReversePaas.Sdk.Ports.PortUnavailableException"/> (an external system being down
    /// is not the extension's fault; the kernel retries).
    /// </summary>
    public Task<TResult> InvokeAsync<TArg, TResult>(TArg argument, Func<TPoint, TArg, CancellationToken, Task<TResult>> call, CancellationToken cancellationToken)
        => Budget.ExtensionCall.RunAsync(Instance, Resolution, Extension, argument, call, cancellationToken);
}
