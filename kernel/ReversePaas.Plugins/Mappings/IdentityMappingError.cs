namespace ReversePaas.Plugins.Mappings;

/// <summary>One error in the identity-mappings files.</summary>
/// <param name="File">The file, relative to the mappings folder (<c>bindings/retail.pop.json</c>).</param>
/// <param name="JsonPath">Where in it (<c>$.rules[2].when.channel</c>; <c>$</c> for the whole file).</param>
/// <param name="Reason">What is wrong.</param>
public sealed record IdentityMappingError(string File, string JsonPath, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"{File} {JsonPath}: {Reason}";
}
