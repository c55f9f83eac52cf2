using ReversePaas.Sdk.Orders;

namespace ReversePaas.Sdk.Execution;

/// <summary>One status change of an after-sale, as its timeline records it. Since Sdk 1.2.</summary>
public sealed class AfterSaleStatusChange
{
    /// <summary><c>&lt;afterSaleId&gt;/&lt;sequence&gt;</c>: the same on every delivery of this change, to dedupe by.</summary>
    public required string EventId { get; init; }

    /// <summary>The after-sale's business identity.</summary>
    public required BusinessIdentity Identity { get; init; }

    /// <summary>The identity's settings.</summary>
    public required IdentitySettings Settings { get; init; }

    /// <summary>The after-sale.</summary>
    public required string AfterSaleId { get; init; }

    /// <summary>Its forward order.</summary>
    public required string OrderId { get; init; }

    /// <summary>Refund only, return, exchange, repair or cancellation.</summary>
    public required AfterSaleType Type { get; init; }

    /// <summary>The position of this change in the after-sale's timeline: 1 for its creation.</summary>
    public required int Sequence { get; init; }

    /// <summary>The status it changed to.</summary>
    public required AfterSaleStatus Status { get; init; }

    /// <summary>The status it changed from; null for its creation.</summary>
    public AfterSaleStatus? PreviousStatus { get; init; }

    /// <summary>When the change was made.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Who made it (<c>Role:subject</c>, or <c>Kernel</c>).</summary>
    public required string Actor { get; init; }

    /// <summary>The timeline's note for the change.</summary>
    public required string Note { get; init; }

    /// <summary>The after-sale's refund amount as of this delivery.</summary>
    public required decimal RefundAmount { get; init; }

    /// <summary>The plugin-owned fields the after-sale carries, by plugin id. Since Sdk 1.2.</summary>
    public PluginFields Fields { get; init; } = PluginFields.Empty;
}
