namespace ReversePaas.Host.PluginPackages;

/// <summary>
/// Endpoint metadata: the route takes a plugin package (<c>application/zip</c>) up to <see cref="MaxBytes"/>, not the
/// small JSON bodies every other write route takes (<see cref="Validation.RequestBodyGuard"/> reads it).
/// </summary>
internal sealed record AcceptsPluginPackage(long MaxBytes)
{
    public const string MediaType = "application/zip";
}
