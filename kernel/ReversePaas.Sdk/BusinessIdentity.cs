using System.Diagnostics.CodeAnalysis;

namespace ReversePaas.Sdk;

/// <summary>
/// A business line, hierarchical with dots, most general first: <c>daojia.fresh</c> is a child of
/// <c>daojia</c>, whose parent is the global <see cref="Default"/>. Segments are lowercase ASCII letters,
/// digits and dashes, starting with a letter. Equality is ordinal on the text.
/// </summary>
public readonly struct BusinessIdentity : IEquatable<BusinessIdentity>
{
    /// <summary>The text of the global default identity, the root every identity falls back to.</summary>
    public const string DefaultName = "default";

    /// <summary>Longest identity text accepted.</summary>
    public const int MaxLength = 128;

    /// <summary>Most segments an identity may have.</summary>
    public const int MaxDepth = 8;

    private readonly string? _value;

    // "default" as text always means the root (null), also when it comes from a parent such as "default.fresh".
    private BusinessIdentity(string value) => _value = string.Equals(value, DefaultName, StringComparison.Ordinal) ? null : value;

    /// <summary>The global default identity (also the value of <c>default(BusinessIdentity)</c>).</summary>
    public static BusinessIdentity Default => default;

    /// <summary>The identity as text, e.g. <c>retail.pop</c>, or <c>default</c>.</summary>
    public string Value => _value ?? DefaultName;

    /// <summary>True for the global default identity.</summary>
    public bool IsDefault => _value is null;

    /// <summary>Number of segments; 0 for the default.</summary>
    public int Depth
    {
        get
        {
            if (_value is null)
            {
                return 0;
            }

            var depth = 1;
            foreach (var c in _value)
            {
                if (c == '.')
                {
                    depth++;
                }
            }

            return depth;
        }
    }

    /// <summary>The parent identity (<c>daojia.fresh</c> → <c>daojia</c> → default); the default has none.</summary>
    public bool TryGetParent(out BusinessIdentity parent)
    {
        if (_value is null)
        {
            parent = default;
            return false;
        }

        var dot = _value.LastIndexOf('.');
        parent = dot < 0 ? default : new BusinessIdentity(_value[..dot]);
        return true;
    }

    /// <summary>This identity, then each parent up to and including the default.</summary>
    public IEnumerable<BusinessIdentity> SelfAndAncestors()
    {
        var current = this;
        yield return current;
        while (current.TryGetParent(out var parent))
        {
            yield return parent;
            current = parent;
        }
    }

    /// <summary>True when this identity is <paramref name="other"/> or one of its ancestors.</summary>
    public bool IsSelfOrAncestorOf(BusinessIdentity other)
    {
        if (_value is null)
        {
            return true;
        }

        var text = other.Value;
        return text.Length == _value.Length
            ? string.Equals(text, _value, StringComparison.Ordinal)
            : text.Length > _value.Length && text[_value.Length] == '.' && text.StartsWith(_value, StringComparison.Ordinal);
    }

    /// <summary>Parses identity text, throwing <see cref="FormatException"/> with the reason when it is not valid.</summary>
    public static BusinessIdentity Parse(string text)
    {
        if (TryParse(text, out var identity, out var error))
        {
            return identity;
        }

        throw new FormatException(error);
    }

    /// <summary>Parses identity text.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out BusinessIdentity identity)
        => TryParse(text, out identity, out _);

    /// <summary>Parses identity text, saying why it is not valid.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out BusinessIdentity identity, [NotNullWhen(false)] out string? error)
    {
        identity = default;
        error = Validate(text);
        if (error is not null)
        {
            return false;
        }

        identity = string.Equals(text, DefaultName, StringComparison.Ordinal) ? default : new BusinessIdentity(text!);
        return true;
    }

    private static string? Validate(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "A business identity must not be empty.";
        }

        if (text.Length > MaxLength)
        {
            return $"Business identity '{Truncate(text)}' is longer than {MaxLength} characters.";
        }

        var segments = 1;
        var segmentStart = true;
        foreach (var c in text)
        {
            if (c == '.')
            {
                if (segmentStart)
                {
                    return $"Business identity '{text}' has an empty segment; write segments separated by single dots, like 'daojia.fresh'.";
                }

                segments++;
                segmentStart = true;
                continue;
            }

            var valid = segmentStart ? c is >= 'a' and <= 'z' : c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-';
            if (!valid)
            {
                return $"Business identity '{Truncate(text)}' has '{c}' where a segment allows only lowercase letters, digits and '-' (starting with a letter).";
            }

            segmentStart = false;
        }

        if (segmentStart)
        {
            return $"Business identity '{text}' ends with a dot.";
        }

        if (segments > MaxDepth)
        {
            return $"Business identity '{text}' has {segments} segments; at most {MaxDepth} are allowed.";
        }

        return null;
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");

    /// <inheritdoc />
    public bool Equals(BusinessIdentity other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is BusinessIdentity other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>The identity text.</summary>
    public override string ToString() => Value;

    /// <summary>Ordinal equality.</summary>
    public static bool operator ==(BusinessIdentity left, BusinessIdentity right) => left.Equals(right);

    /// <summary>Ordinal inequality.</summary>
    public static bool operator !=(BusinessIdentity left, BusinessIdentity right) => !left.Equals(right);
}
