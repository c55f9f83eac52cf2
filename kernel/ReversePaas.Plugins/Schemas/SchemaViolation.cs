namespace ReversePaas.Plugins.Schemas;

/// <summary>One reason a JSON document does not satisfy its schema, or is not JSON at all.</summary>
/// <param name="JsonPath">Where, as <c>$.rules[2].when.channel</c> (<c>$</c> for the whole document).</param>
/// <param name="Reason">What is wrong, in words.</param>
/// <param name="Line">The line in the file (1-based; 0 when unknown).</param>
/// <param name="Position">The position in the line (0 when unknown).</param>
public sealed record SchemaViolation(string JsonPath, string Reason, int Line = 0, int Position = 0);
