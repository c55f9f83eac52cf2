namespace ReversePaas.Kernel.Identity;

/// <summary>
/// What an order must look like for an <see cref="IdentityRule"/> to match: every listed field must hold
/// one of its allowed values (case-insensitive); an absent field matches anything. No fields: matches every order.
/// </summary>
public sealed class IdentityCondition
{
    // Arrays scanned with for-loops: matching runs for every rule on every order, and enumerating through
    // the IReadOnlyList interfaces would box an enumerator per rule.
    private readonly string[]? _venderType;
    private readonly string[]? _orderType;
    private readonly string[]? _channel;
    private readonly KeyValuePair<string, string[]>[] _attributes;

    /// <summary>Creates a condition; null or empty lists place no constraint.</summary>
    public IdentityCondition(
        IReadOnlyList<string>? venderType = null,
        IReadOnlyList<string>? orderType = null,
        IReadOnlyList<string>? channel = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? attributes = null)
    {
        _venderType = venderType is { Count: > 0 } ? [.. venderType] : null;
        _orderType = orderType is { Count: > 0 } ? [.. orderType] : null;
        _channel = channel is { Count: > 0 } ? [.. channel] : null;
        _attributes = attributes is { Count: > 0 }
            ? [.. attributes.Select(a => new KeyValuePair<string, string[]>(a.Key, [.. a.Value]))]
            : [];
    }

    /// <summary>Allowed merchant types, or null for any.</summary>
    public IReadOnlyList<string>? VenderType => _venderType;

    /// <summary>Allowed order types, or null for any.</summary>
    public IReadOnlyList<string>? OrderType => _orderType;

    /// <summary>Allowed channels, or null for any.</summary>
    public IReadOnlyList<string>? Channel => _channel;

    /// <summary>Required order attributes: key → allowed values.</summary>
    public IReadOnlyList<KeyValuePair<string, string[]>> Attributes => _attributes;

    /// <summary>True when the condition places no constraint at all.</summary>
    public bool MatchesEverything => _venderType is null && _orderType is null && _channel is null && _attributes.Length == 0;

    /// <summary>True when <paramref name="order"/> satisfies every constraint.</summary>
    public bool Matches(OrderTraits order)
    {
        if (!AnyOf(_venderType, order.VenderType) || !AnyOf(_orderType, order.OrderType) || !AnyOf(_channel, order.Channel))
        {
            return false;
        }

        var attributes = _attributes;
        for (var i = 0; i < attributes.Length; i++)
        {
            if (!order.Attributes.TryGetValue(attributes[i].Key, out var value) || !AnyOf(attributes[i].Value, value))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AnyOf(string[]? allowed, string? value)
    {
        if (allowed is null)
        {
            return true;
        }

        if (value is null)
        {
            return false;
        }

        for (var i = 0; i < allowed.Length; i++)
        {
            if (string.Equals(allowed[i], value, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
