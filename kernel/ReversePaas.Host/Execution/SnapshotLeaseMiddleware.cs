using ReversePaas.Kernel.Extensions;

namespace ReversePaas.Host.Execution;

/// <summary>
/// Every request runs on the extension snapshot it started on: it holds a lease for its whole life, so a reload
/// during the request neither changes the rules under it nor unloads the plugin code it is running.
/// </summary>
internal static class SnapshotLeaseMiddleware
{
    public static IApplicationBuilder UseSnapshotLease(this IApplicationBuilder app)
    {
        var runtime = app.ApplicationServices.GetRequiredService<ExtensionRuntime>();
        return app.Use(async (context, next) =>
        {
            using var lease = runtime.Lease();
            await next(context);
        });
    }
}
