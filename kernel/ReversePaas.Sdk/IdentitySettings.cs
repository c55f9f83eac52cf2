using System.Collections.Frozen;
using System.Globalization;

namespace ReversePaas.Sdk;

/// <summary>
/// Settings of one business identity from identity-mappings (e.g. <c>review.timeoutHours</c>), already
/// merged along the hierarchy: a child's value overrides its parent's. Values are kept as invariant text.
/// </summary>
public sealed class IdentitySettings
{
    // Invariant text has no group separators: with them, "1,5" would silently read as 15.
    private const NumberStyles PlainDecimal = NumberStyles.Number & ~NumberStyles.AllowThousands;

    private readonly FrozenDictionary<string, string> _values;

    /// <summary>Creates settings from key/value pairs (keys ordinal, values invariant text).</summary>
    public IdentitySettings(IEnumerable<KeyValuePair<string, string>> values)
    {
        _values = values.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>No settings.</summary>
    public static IdentitySettings Empty { get; } = new([]);

    /// <summary>All keys and values.</summary>
    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>The value of <paramref name="key"/>, if set.</summary>
    public bool TryGetValue(string key, out string value)
    {
        if (_values.TryGetValue(key, out var found))
        {
            value = found;
            return true;
        }

        value = "";
        return false;
    }

    /// <summary>The value as text, or <paramref name="fallback"/>.</summary>
    public string GetString(string key, string fallback) => _values.TryGetValue(key, out var value) ? value : fallback;

    /// <summary>The value as a whole number, or <paramref name="fallback"/> when unset.</summary>
    /// <exception cref="FormatException">The value is set but is not a whole number.</exception>
    public int GetInt32(string key, int fallback)
    {
        if (!_values.TryGetValue(key, out var value))
        {
            return fallback;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"Setting '{key}' is '{value}', not a whole number.");
    }

    /// <summary>The value as an exact decimal, or <paramref name="fallback"/> when unset.</summary>
    /// <exception cref="FormatException">The value is set but is not a number.</exception>
    public decimal GetDecimal(string key, decimal fallback)
    {
        if (!_values.TryGetValue(key, out var value))
        {
            return fallback;
        }

        return decimal.TryParse(value, PlainDecimal, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"Setting '{key}' is '{value}', not a number.");
    }

    /// <summary>The value as true/false, or <paramref name="fallback"/> when unset.</summary>
    /// <exception cref="FormatException">The value is set but is not true or false.</exception>
    public bool GetBoolean(string key, bool fallback)
    {
        if (!_values.TryGetValue(key, out var value))
        {
            return fallback;
        }

        return bool.TryParse(value, out var flag)
            ? flag
            : throw new FormatException($"Setting '{key}' is '{value}', not true or false.");
    }
}
