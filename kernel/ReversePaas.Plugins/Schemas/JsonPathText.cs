using Newtonsoft.Json.Linq;

namespace ReversePaas.Plugins.Schemas;

/// <summary>
/// JSON paths as the errors show them, <c>$.rules[2].when.channel</c>, built from Json.NET token paths
/// (<c>rules[2].when.channel</c>, <c>settings['review.timeoutHours']</c>). Schema violations and the loader's own
/// checks both name a token of the parsed document, so errors about the same spot compare equal.
/// </summary>
internal static class JsonPathText
{
    /// <summary>The path of <paramref name="token"/> within its document.</summary>
    public static string Of(JToken token) => FromRelative(token.Path);

    /// <summary><c>$</c> followed by a Json.NET path relative to the document root.</summary>
    public static string FromRelative(string? relative)
        => string.IsNullOrEmpty(relative) ? "$" : relative[0] == '[' ? "$" + relative : "$." + relative;
}
