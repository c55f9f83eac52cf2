using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Contracts;

/// <summary>
/// An after-sale parked for ops or whose background step keeps failing. <see cref="Kind"/> says which (and so which ops
/// action fits): <c>refund-failed</c> (<c>retry-refund</c>), <c>pickup-parked</c> (<c>retry-pickup</c>), or
/// <c>retrying</c> (still tried by itself, <see cref="NextAttemptAt"/>).
/// </summary>
public sealed record StuckAfterSale(
    string AfterSaleId, string OrderId, string BusinessIdentity, AfterSaleStatus Status, int RefundAttempts, string? LastError, DateTimeOffset? NextAttemptAt, DateTimeOffset UpdatedAt,
    string Kind, int ReturnAttempts);
