namespace ReversePaas.Kernel.Identity;

/// <summary>
/// What an order must look like for an <see cref="IdentityRule"/> to match: every listed field must hold
/// one of its allowed values (case-insensitive); an absent field matches anything. No fields: matches every order.
/// </summary>
public sealed class IdentityCondition
{
    /// <summary>Creates a condition; null or empty lists place no constraint.</summary>
    public IdentityCondition(
        IReadOnlyList<string>? venderType = null,
        IReadOnlyList<string>? orderType = null,
        IReadOnlyList<string>? channel = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? attributes = null)
    {
        VenderType = venderType is { Count: > 0 } ? [.. venderType] : null;
        OrderType = orderType is { Count: > 0 } ? [.. orderType] : null;
        Channel = channel is { Count: > 0 } ? [.. channel] : null;
        Attributes = attributes is { Count: > 0 }
            ? [.. attributes.Select(a => new KeyValuePair<string, string[]>(a.Key, [.. a.Value]))]
            : [];
    }

    /// <summary>Allowed merchant types, or null for any.</summary>
    public IReadOnlyList<string>? VenderType { get; }

    /// <summary>Allowed order types, or null for any.</summary>
    public IReadOnlyList<string>? OrderType { get; }

    /// <summary>Allowed channels, or null for any.</summary>
    public IReadOnlyList<string>? Channel { get; }

    /// <summary>Required order attributes: key → allowed values.</summary>
    public IReadOnlyList<KeyValuePair<string, string[]>> Attributes { get; }

    /// <summary>True when the condition places no constraint at all.</summary>
    public bool MatchesEverything => VenderType is null && OrderType is null && Channel is null && Attributes.Count == 0;

    /// <summary>True when <paramref name="order"/> satisfies every constraint.</summary>
    public bool Matches(OrderTraits order)
    {
        if (!AnyOf(VenderType, order.VenderType) || !AnyOf(OrderType, order.OrderType) || !AnyOf(Channel, order.Channel))
        {
            return false;
        }

        foreach (var (key, allowed) in Attributes)
        {
            if (!order.Attributes.TryGetValue(key, out var value) || !AnyOf(allowed, value))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AnyOf(IReadOnlyList<string>? allowed, string? value)
    {
        if (allowed is null)
        {
            return true;
        }

        if (value is null)
        {
            return false;
        }

        for (var i = 0; i < allowed.Count; i++)
        {
            if (string.Equals(allowed[i], value, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
