using ReversePaas.Sdk.Orders;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Sdk.Execution;

/// <summary>A refund to pay out.</summary>
public sealed class RefundExecutionContext
{
    /// <summary>The order's business identity.</summary>
    public required BusinessIdentity Identity { get; init; }

    /// <summary>The identity's settings.</summary>
    public required IdentitySettings Settings { get; init; }

    /// <summary>The forward order.</summary>
    public required OrderView Order { get; init; }

    /// <summary>The after-sale being refunded.</summary>
    public required string AfterSaleId { get; init; }

    /// <summary>Idempotency key of the refund: pass it to the payment port unchanged.</summary>
    public required string RefundId { get; init; }

    /// <summary>Money to refund.</summary>
    public required decimal Amount { get; init; }

    /// <summary>1 for the first attempt.</summary>
    public required int Attempt { get; init; }

    /// <summary>The payment system.</summary>
    public required IPaymentPort Payment { get; init; }

    /// <summary>The plugin-owned fields the after-sale carries, by plugin id. Since Sdk 1.2.</summary>
    public PluginFields Fields { get; init; } = PluginFields.Empty;
}
