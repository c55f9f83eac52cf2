using ReversePaas.Kernel.Review;
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
            .AddPoint<IReviewRouter>(new CustomerServiceReviewRouter());
}
