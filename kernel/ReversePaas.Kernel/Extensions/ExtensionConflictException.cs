namespace ReversePaas.Kernel.Extensions;

/// <summary>Dispatch at a point was refused because equal-rank extensions clash for the identity.</summary>
public sealed class ExtensionConflictException : Exception
{
    /// <summary>Creates the exception for a conflicting resolution.</summary>
    public ExtensionConflictException(ExtensionResolution resolution)
        : base(resolution.ConflictMessage)
    {
        Resolution = resolution;
    }

    /// <summary>The conflicting resolution, naming the candidates.</summary>
    public ExtensionResolution Resolution { get; }
}
