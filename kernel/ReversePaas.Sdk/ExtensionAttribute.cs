namespace ReversePaas.Sdk;

/// <summary>
/// Marks a plugin class as an extension: an implementation of one or more extension-point interfaces
/// serving the listed business identities. The class needs a public parameterless constructor; one
/// instance is created per plugin load and shared, so it must be thread-safe (stateless is best).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ExtensionAttribute : Attribute
{
    /// <summary>Declares an extension.</summary>
    /// <param name="id">
    /// Stable id, unique across all plugins, lowercase with dots or dashes (<c>retail-pop.merchant-review</c>).
    /// Bindings in identity-mappings refer to it, so keep it when the class is renamed.
    /// </param>
    public ExtensionAttribute(string id)
    {
        Id = id;
    }

    /// <summary>Stable id of the extension.</summary>
    public string Id { get; }

    /// <summary>
    /// Business identities served (<c>retail.pop</c>); a parent identity serves its children unless they
    /// have their own. Empty: the extension serves only identities explicitly bound to it in identity-mappings.
    /// </summary>
    public string[] Identities { get; set; } = [];

    /// <summary>
    /// Codes of the extension points served. Empty: every <see cref="ExtensionPointAttribute"/>-marked
    /// interface the class implements.
    /// </summary>
    public string[] Points { get; set; } = [];

    /// <summary>
    /// Higher runs first in a <see cref="CombineMode.Chain"/>; for a <see cref="CombineMode.Single"/> point,
    /// the higher of two extensions declared for the same identity wins (equal priorities conflict).
    /// </summary>
    public int Priority { get; set; }

    /// <summary>What the extension changes, for the capability catalog.</summary>
    public string Description { get; set; } = "";
}
