namespace ReversePaas.Kernel.Extensions;

/// <summary>Why an extension serves an identity at a point.</summary>
public enum ResolutionSource
{
    /// <summary>An explicit binding for this identity in identity-mappings.</summary>
    Binding = 0,

    /// <summary>The extension declares this identity.</summary>
    Declared = 1,

    /// <summary>A binding or declaration on a parent identity (see <see cref="ExtensionResolution.DecidedAt"/>).</summary>
    Inherited = 2,

    /// <summary>Nothing customises the point for this identity: the kernel's implementation serves it.</summary>
    KernelDefault = 3,

    /// <summary>Two or more candidates of equal rank: the point refuses to run for this identity.</summary>
    Conflict = 4,
}
