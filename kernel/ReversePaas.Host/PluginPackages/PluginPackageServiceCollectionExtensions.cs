using ReversePaas.Persistence.PluginPackages;
using ReversePaas.Plugins.Packages;

namespace ReversePaas.Host.PluginPackages;

/// <summary>Registers the package store, the options (<c>Plugins:SyncInterval</c>, <c>Plugins:PackageCache</c>, <c>Plugins:Packages:*</c>) and the sync.</summary>
internal static class PluginPackageServiceCollectionExtensions
{
    public static IServiceCollection AddPluginPackages(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var interval = configuration.GetValue("Plugins:SyncInterval", TimeSpan.FromSeconds(5));
        if (interval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"Plugins:SyncInterval must be a positive time span (got {interval}): it is how soon every host serves a newly activated plugin version.");
        }

        var limits = new PluginPackageLimits();
        configuration.GetSection("Plugins:Packages").Bind(limits);
        var cache = configuration["Plugins:PackageCache"];
        services.AddSingleton(new PluginPackageOptions
        {
            SyncInterval = interval,
            CacheDirectory = string.IsNullOrWhiteSpace(cache) ? Path.Combine(AppContext.BaseDirectory, "plugin-packages") : Path.GetFullPath(cache, environment.ContentRootPath),
            Limits = limits,
        });
        services.AddScoped<PluginPackageStore>();
        services.AddSingleton<PluginPackageSync>();
        services.AddHostedService(sp => sp.GetRequiredService<PluginPackageSync>());
        return services;
    }
}
