using ReversePaas.Kernel.Defaults;
using ReversePaas.Sdk.Application;
using ReversePaas.Sdk.Execution;
using ReversePaas.Sdk.Interception;
using ReversePaas.Sdk.Review;

namespace ReversePaas.Kernel.Extensions;

/// <summary>
/// The one list of extension points this kernel runs, each with its kernel default. A new point is added
/// here (and to the Sdk); the catalog, dispatch and plugin validation all read the registry this fills.
/// </summary>
public static class KernelExtensionPoints
{
    /// <summary>A builder with every kernel extension point and default registered.</summary>
    public static ExtensionSnapshotBuilder CreateBuilder()
        => new ExtensionSnapshotBuilder()
            // Application
            .AddChainPoint<IApplicationInterceptor>()
            .AddPoint<IEligibilityPolicy>(new StatusWindowEligibilityPolicy())
            .AddPoint<ISplitLineMatcher>(new SplitDataLineMatcher())
            .AddPoint<IRefundCalculator>(new PaidShareRefundCalculator())
            // Interception
            .AddPoint<IOrderInterceptor>(new WarehouseOrderInterceptor())
            // Review
            .AddPoint<IAutoApprovePolicy>(new AmountThresholdAutoApprovePolicy())
            .AddPoint<IReviewRouter>(new CustomerServiceReviewRouter())
            // Execution
            .AddPoint<IRefundExecutor>(new PaymentRefundExecutor())
            .AddPoint<IReturnLogistics>(new WarehouseReturnLogistics())
            .AddPoint<IRepairRouting>(new WarehouseRepairRouting())
            .AddPoint<IExchangeFulfilment>(new InventoryExchangeFulfilment())
            .AddChainPoint<IAfterSaleEventHandler>();
}
