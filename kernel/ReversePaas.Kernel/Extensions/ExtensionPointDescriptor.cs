using ReversePaas.Sdk;

namespace ReversePaas.Kernel.Extensions;

/// <summary>An extension point as the runtime and the catalog know it.</summary>
public sealed class ExtensionPointDescriptor
{
    internal ExtensionPointDescriptor(Type contract, ExtensionPointAttribute attribute, int slot)
    {
        Contract = contract;
        Code = attribute.Code;
        Activity = attribute.Activity;
        Combine = attribute.Combine;
        Description = attribute.Description;
        Slot = slot;
    }

    /// <summary>Stable code, e.g. <c>review.router</c>.</summary>
    public string Code { get; }

    /// <summary>The domain activity the point belongs to.</summary>
    public Activity Activity { get; }

    /// <summary>How implementations combine.</summary>
    public CombineMode Combine { get; }

    /// <summary>The Sdk interface that implementations implement.</summary>
    public Type Contract { get; }

    /// <summary>What the point decides.</summary>
    public string Description { get; }

    /// <summary>
    /// The kernel's implementation, used when no extension serves an identity (<see cref="CombineMode.Single"/>),
    /// or run last at the lowest specificity (<see cref="CombineMode.Chain"/>); null when a chain has none.
    /// </summary>
    public ExtensionDescriptor? KernelDefault { get; internal set; }

    internal int Slot { get; }

    /// <inheritdoc />
    public override string ToString() => Code;
}
