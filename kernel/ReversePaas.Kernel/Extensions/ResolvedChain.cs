namespace ReversePaas.Kernel.Extensions;

/// <summary>
/// The extensions of a <see cref="ReversePaas.Sdk.CombineMode.Chain"/> point for one identity, in run order.
/// A struct over precomputed arrays: dispatch allocates nothing.
/// </summary>
public readonly struct ResolvedChain<TPoint>
    where TPoint : class
{
    private readonly TPoint[] _instances;

    // The typed array is carried beside the resolution so iterating needs no read through the resolution.
    internal ResolvedChain(TPoint[] instances, ExtensionResolution resolution)
    {
        _instances = instances;
        Resolution = resolution;
    }

    /// <summary>The implementations, in run order.</summary>
    public ReadOnlySpan<TPoint> Instances => _instances;

    /// <summary>The extensions, index for index with <see cref="Instances"/>.</summary>
    public IReadOnlyList<ExtensionDescriptor> Extensions => Resolution.Extensions;

    /// <summary>Which extensions, from which plugins, and why.</summary>
    public ExtensionResolution Resolution { get; }

    /// <summary>The implementation at <paramref name="index"/> in run order.</summary>
    public TPoint this[int index] => _instances[index];

    /// <summary>Number of extensions in the chain.</summary>
    public int Count => _instances.Length;

    /// <summary>
    /// Calls the member at <paramref name="index"/> under the call budget, as <see cref="Resolved{TPoint}.InvokeAsync"/>
    /// calls a single extension.
    /// </summary>
    public Task<TResult> InvokeAsync<TArg, TResult>(int index, TArg argument, Func<TPoint, TArg, CancellationToken, Task<TResult>> call, CancellationToken cancellationToken)
        => Budget.ExtensionCall.RunAsync(_instances[index], Resolution, Resolution.Extensions[index], argument, call, cancellationToken);
}
