namespace ReversePaas.Plugins.Mappings;

/// <summary>One error in the identity-mappings files: where it is and what is wrong, for the person editing them.</summary>
/// <param name="File">The file, relative to the mappings folder with <c>/</c> separators (<c>bindings/retail.pop.json</c>).</param>
/// <param name="JsonPath">Where in the file (<c>$.rules[2].when.channel</c>; <c>$</c> for the whole file).</param>
/// <param name="Reason">What is wrong, with the line number when known.</param>
public sealed record IdentityMappingError(string File, string JsonPath, string Reason)
{
    /// <summary>The error on one line: <c>file path: reason</c>.</summary>
    public override string ToString() => $"{File} {JsonPath}: {Reason}";
}
