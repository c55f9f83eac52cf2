using ReversePaas.Sdk;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Persistence.Queries;

/// <summary>
/// Filters of the after-sale list (all optional; <see cref="Text"/> matches ids, reasons and SKU names; <see cref="Held"/>
/// true: only those risk control holds, false: only those it does not; <see cref="IncludeArchived"/> true: archived
/// after-sales too, otherwise hot ones only).
/// </summary>
public sealed record AfterSaleFilter(string? OrderId, AfterSaleStatus? Status, AfterSaleType? Type, string? VenderId, string? Text, int Page, int PageSize, bool? Held = null, bool IncludeArchived = false);
