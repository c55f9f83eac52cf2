using System.Buffers;
using Newtonsoft.Json.Linq;

namespace ReversePaas.Plugins.Schemas;

/// <summary>
/// JSON paths as the errors show them, <c>$.rules[2].when.channel</c>, built from Json.NET token paths
/// (<c>rules[2].when.channel</c>, <c>settings['review.timeoutHours']</c>) and NJsonSchema error paths
/// (<c>#/rules[2].when.channel</c>), which are Json.NET paths behind a <c>#/</c>.
/// </summary>
internal static class JsonPathText
{
    // The characters for which Json.NET writes a property name in brackets; matching them keeps the paths
    // built here identical to the ones Json.NET builds, so errors about the same spot compare equal.
    private static readonly SearchValues<char> BracketedNameCharacters =
        SearchValues.Create(". '/\"[]()\t\n\r\f\b\\\u0085\u2028\u2029");

    /// <summary>The path of <paramref name="token"/> within its document.</summary>
    public static string Of(JToken token) => FromRelative(token.Path);

    /// <summary><c>$</c> followed by a Json.NET path relative to the document root.</summary>
    public static string FromRelative(string? relative)
        => string.IsNullOrEmpty(relative) ? "$" : relative[0] == '[' ? "$" + relative : "$." + relative;

    /// <summary>The Json.NET path inside an NJsonSchema error path (<c>#/a.b</c> → <c>a.b</c>; <c>#</c> → empty).</summary>
    public static string RelativeOfSchemaPath(string? schemaPath)
    {
        if (string.IsNullOrEmpty(schemaPath) || schemaPath == "#")
        {
            return "";
        }

        return schemaPath.StartsWith("#/", StringComparison.Ordinal) ? schemaPath[2..] : schemaPath.TrimStart('#');
    }

    /// <summary>The path of property <paramref name="name"/> of the object at <paramref name="parent"/> (a <c>$</c> path).</summary>
    public static string Child(string parent, string name)
        => name.Length > 0 && name.AsSpan().IndexOfAny(BracketedNameCharacters) < 0
            ? $"{parent}.{name}"
            : $"{parent}['{name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}']";
}
