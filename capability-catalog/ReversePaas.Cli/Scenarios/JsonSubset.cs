using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReversePaas.Cli.Scenarios;

/// <summary>
/// Compares an expectation with what the host answered: every expected field must be there and equal (objects are
/// subsets, arrays match element by element and in length, numbers are equal as decimals — 33.33 = 33.330, money to
/// the cent, never a float). Returns the first difference as "path expected X, got Y", or null.
/// </summary>
internal static class JsonSubset
{
    public static string? FirstDifference(string path, JsonNode? expected, JsonNode? actual)
    {
        switch (expected)
        {
            case JsonObject expectedObject:
                if (actual is not JsonObject actualObject)
                {
                    return $"{path} expected an object, got {Show(actual)}";
                }

                foreach (var (key, value) in expectedObject)
                {
                    if (!actualObject.TryGetPropertyValue(key, out var found))
                    {
                        return $"{path}.{key} expected {Show(value)}, got nothing (no such field)";
                    }

                    if (FirstDifference($"{path}.{key}", value, found) is { } difference)
                    {
                        return difference;
                    }
                }

                return null;
            case JsonArray expectedArray:
                if (actual is not JsonArray actualArray)
                {
                    return $"{path} expected an array, got {Show(actual)}";
                }

                for (var i = 0; i < expectedArray.Count; i++)
                {
                    if (i >= actualArray.Count)
                    {
                        return $"{path}[{i}] expected {Show(expectedArray[i])}, got nothing ({actualArray.Count} element(s))";
                    }

                    if (FirstDifference($"{path}[{i}]", expectedArray[i], actualArray[i]) is { } difference)
                    {
                        return difference;
                    }
                }

                return actualArray.Count == expectedArray.Count ? null
                    : $"{path} expected {expectedArray.Count} element(s), got {actualArray.Count}: {Show(actual)}";
            default:
                return Same(expected, actual) ? null : $"{path} expected {Show(expected)}, got {Show(actual)}";
        }
    }

    private static bool Same(JsonNode? expected, JsonNode? actual)
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null;
        }

        var e = expected.GetValueKind();
        var a = actual.GetValueKind();
        if (e == JsonValueKind.Number && a == JsonValueKind.Number)
        {
            return decimal.TryParse(expected.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                && decimal.TryParse(actual.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
                && x == y;
        }

        return e == a && JsonNode.DeepEquals(expected, actual);
    }

    /// <summary>A value as a scenario author would write it: strings bare, the rest as JSON (long values cut).</summary>
    public static string Show(JsonNode? node)
    {
        var text = node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? (string)v! : node?.ToJsonString() ?? "null";
        return text.Length > 200 ? text[..200] + "…" : text;
    }
}
