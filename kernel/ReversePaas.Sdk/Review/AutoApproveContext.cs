using ReversePaas.Sdk.Orders;

namespace ReversePaas.Sdk.Review;

/// <summary>What an auto-approve policy knows about a new after-sale.</summary>
public sealed class AutoApproveContext
{
    /// <summary>The order's business identity.</summary>
    public required BusinessIdentity Identity { get; init; }

    /// <summary>The identity's settings.</summary>
    public required IdentitySettings Settings { get; init; }

    /// <summary>The forward order.</summary>
    public required OrderView Order { get; init; }

    /// <summary>The kind of after-sale.</summary>
    public required AfterSaleType Type { get; init; }

    /// <summary>Money the after-sale refunds.</summary>
    public required decimal RefundAmount { get; init; }

    /// <summary>Who applied.</summary>
    public required Actor Applicant { get; init; }

    /// <summary>The plugin-owned fields the after-sale carries, by plugin id. Since Sdk 1.2.</summary>
    public PluginFields Fields { get; init; } = PluginFields.Empty;
}
