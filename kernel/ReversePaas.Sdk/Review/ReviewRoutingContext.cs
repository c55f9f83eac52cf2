namespace ReversePaas.Sdk.Review;

/// <summary>What a <see cref="IReviewRouter"/> knows about the after-sale it routes.</summary>
public sealed class ReviewRoutingContext
{
    /// <summary>Creates a routing context.</summary>
    public ReviewRoutingContext(BusinessIdentity identity, AfterSaleType type, decimal refundAmount, IdentitySettings settings)
    {
        Identity = identity;
        Type = type;
        RefundAmount = refundAmount;
        Settings = settings;
    }

    /// <summary>The business identity of the order.</summary>
    public BusinessIdentity Identity { get; }

    /// <summary>The kind of after-sale.</summary>
    public AfterSaleType Type { get; }

    /// <summary>Money asked for, in the order's currency.</summary>
    public decimal RefundAmount { get; }

    /// <summary>The identity's settings from identity-mappings.</summary>
    public IdentitySettings Settings { get; }

    /// <summary>The plugin-owned fields the after-sale carries, by plugin id. Since Sdk 1.2.</summary>
    public PluginFields Fields { get; init; } = PluginFields.Empty;
}
