using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Contracts;

/// <summary>An after-sale parked for ops (<c>RefundFailed</c>) or whose background step keeps failing.</summary>
public sealed record StuckAfterSale(
    string AfterSaleId, string OrderId, string BusinessIdentity, AfterSaleStatus Status, int RefundAttempts, string? LastError, DateTimeOffset? NextAttemptAt, DateTimeOffset UpdatedAt);
