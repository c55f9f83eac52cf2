using ReversePaas.Sdk;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Persistence.Queries;

/// <summary>Filters of the after-sale list (all optional; <see cref="Text"/> matches ids, reasons and SKU names).</summary>
public sealed record AfterSaleFilter(string? OrderId, AfterSaleStatus? Status, AfterSaleType? Type, string? VenderId, string? Text, int Page, int PageSize);
