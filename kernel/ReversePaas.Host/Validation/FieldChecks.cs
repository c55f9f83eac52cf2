using System.Globalization;

namespace ReversePaas.Host.Validation;

/// <summary>The checks of single values that several requests share; each returns what is wrong, or null.</summary>
internal static class FieldChecks
{
    /// <summary>Times outside this range are typos or probes; inside it, date arithmetic (windows, deadlines) cannot overflow.</summary>
    private static readonly DateTimeOffset EarliestTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LatestTime = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// An identifier: non-blank, short, and without invisible characters: control or format characters (zero-width
    /// space, right-to-left override) would make two ids that look the same different, and one that looks harmless another.
    /// </summary>
    public static string? Identifier(string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "Required (a non-empty text).";
        }

        if (value.Length <= maxLength && value.Any(IsFormat))
        {
            return "Invisible formatting characters (zero-width, bidirectional controls) are not allowed.";
        }

        return Text(value, maxLength);
    }

    /// <summary>
    /// Text of at most <paramref name="maxLength"/>; control characters only in free text (<paramref name="freeText"/>:
    /// reasons, comments), and never NUL, which no text needs and PostgreSQL cannot store. Null is empty text.
    /// </summary>
    public static string? Text(string? value, int maxLength, bool freeText = false)
    {
        value ??= "";
        if (value.Length > maxLength)
        {
            return $"At most {maxLength} characters.";
        }

        if (!freeText && value.Any(char.IsControl))
        {
            return "Control characters are not allowed.";
        }

        return value.Contains('\0', StringComparison.Ordinal) ? "NUL characters are not allowed." : null;
    }

    /// <summary>A point in time between 2000 and 2100 (UTC), when given.</summary>
    public static string? Time(DateTimeOffset? value)
        => value is { } time && (time < EarliestTime || time >= LatestTime) ? "A time between 2000-01-01 and 2100-01-01 (UTC)." : null;

    public static bool IsFormat(char c) => char.GetUnicodeCategory(c) == UnicodeCategory.Format;
}
