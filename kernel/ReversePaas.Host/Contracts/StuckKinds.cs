using ReversePaas.Kernel.AfterSales;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Contracts;

/// <summary>The <see cref="StuckAfterSale.Kind"/> values: why an after-sale is listed in <c>/api/v1/ops/stuck</c>.</summary>
public static class StuckKinds
{
    /// <summary>The refund was refused too often and waits for ops (<c>retry-refund</c>).</summary>
    public const string RefundFailed = "refund-failed";

    /// <summary>The return's logistics (pickup booking, warehouse announcement) failed too often and wait for ops (<c>retry-pickup</c>).</summary>
    public const string PickupParked = "pickup-parked";

    /// <summary>A background step failed and is tried again by itself at its next attempt.</summary>
    public const string Retrying = "retrying";

    /// <summary>Why <paramref name="sale"/> is stuck.</summary>
    public static string Of(AfterSale sale)
        => sale.Status == AfterSaleStatus.RefundFailed ? RefundFailed : sale.ReturnParked ? PickupParked : Retrying;
}
