using System.Globalization;
using Newtonsoft.Json.Linq;
using ReversePaas.Sdk;

namespace ReversePaas.Plugins.Mappings;

/// <summary>The value forms the mappings files share, read from Json.NET tokens.</summary>
internal static class MappingValues
{
    /// <summary>Identity text, checked by the same rules as everywhere else in the product.</summary>
    public static BusinessIdentity? Identity(JToken token, MappingFileErrors found)
    {
        if (token.Type != JTokenType.String)
        {
            found.AddShape(token, "Must be a business identity such as 'retail.pop'");
            return null;
        }

        if (BusinessIdentity.TryParse((string?)token, out var identity, out var error))
        {
            return identity;
        }

        found.Add(token, error);
        return null;
    }

    /// <summary>
    /// One string, or a list of strings. An empty list is refused in conditions, where it would place no
    /// constraint at all (the opposite of what its author meant), and allowed for a chain, where it runs none.
    /// </summary>
    public static IReadOnlyList<string>? Strings(JToken token, MappingFileErrors found, bool allowEmptyList)
    {
        switch (token)
        {
            case JValue { Type: JTokenType.String } one:
                return [(string)one!];
            case JArray list when (allowEmptyList || list.Count > 0) && list.All(v => v.Type == JTokenType.String):
                return [.. list.Select(v => (string)v!)];
            default:
                found.AddShape(token, allowEmptyList ? "Must be a string or a list of strings" : "Must be a string or a non-empty list of strings");
                return null;
        }
    }

    /// <summary>
    /// A setting as invariant text: strings as they are, numbers as written in plain notation ("48", "0.5",
    /// "199.90"; exponents are expanded, "1e3" → "1000", so the typed getters can read them), "true"/"false".
    /// </summary>
    public static string? SettingText(JToken token, MappingFileErrors found)
    {
        switch (token)
        {
            case JValue { Type: JTokenType.String } text:
                return (string)text!;
            case JValue { Type: JTokenType.Integer or JTokenType.Float } number:
                return Convert.ToString(number.Value, CultureInfo.InvariantCulture);
            case JValue { Type: JTokenType.Boolean } flag:
                return (bool)flag ? "true" : "false";
            default:
                found.AddShape(token, "Must be a string, a number or true/false");
                return null;
        }
    }
}
