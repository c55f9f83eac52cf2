using ReversePaas.Sdk.Orders;

namespace ReversePaas.Sdk.Application;

/// <summary>What the application activity knows about an after-sale being applied for.</summary>
public sealed class ApplicationContext
{
    /// <summary>The order's business identity.</summary>
    public required BusinessIdentity Identity { get; init; }

    /// <summary>The identity's settings from identity-mappings.</summary>
    public required IdentitySettings Settings { get; init; }

    /// <summary>The forward order.</summary>
    public required OrderView Order { get; init; }

    /// <summary>The kind of after-sale.</summary>
    public required AfterSaleType Type { get; init; }

    /// <summary>The applicant's reason.</summary>
    public required string Reason { get; init; }

    /// <summary>The lines asked for.</summary>
    public required IReadOnlyList<RequestedLine> Lines { get; init; }

    /// <summary>Evidence URLs (photos).</summary>
    public required IReadOnlyList<string> Evidence { get; init; }

    /// <summary>Requested pickup time for returns, if any.</summary>
    public required DateTimeOffset? PickupAt { get; init; }

    /// <summary>Who applies.</summary>
    public required Actor Applicant { get; init; }

    /// <summary>The kernel's clock at the time of the application.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>The plugin-owned fields the application carries (<c>extensions</c> in its body), by plugin id. Since Sdk 1.2.</summary>
    public PluginFields Fields { get; init; } = PluginFields.Empty;
}
