namespace ReversePaas.Sdk;

/// <summary>How the implementations of one extension point combine for a business identity.</summary>
public enum CombineMode
{
    /// <summary>
    /// Exactly one implementation serves an identity: the most specific one, else the kernel default.
    /// Two candidates of equal rank are a conflict, reported and refused, never silently picked.
    /// </summary>
    Single = 0,

    /// <summary>
    /// Every matching implementation runs, ordered by <see cref="ExtensionAttribute.Priority"/>
    /// (higher first), then by identity specificity (more specific first), then by extension id.
    /// </summary>
    Chain = 1,
}
