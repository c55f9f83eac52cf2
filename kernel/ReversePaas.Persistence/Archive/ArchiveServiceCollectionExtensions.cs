using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ReversePaas.Persistence.Archive;

/// <summary>Registers the archive: its options (refused at start when a value cannot work) and the mover.</summary>
public static class ArchiveServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <c>Archive</c> section's options and the mover; the mover runs in the background only when
    /// <see cref="ArchiveOptions.Enabled"/> (it is registered either way, so ops and tests can run a pass).
    /// </summary>
    public static IServiceCollection AddArchive(this IServiceCollection services, IConfiguration configuration)
    {
        var options = ArchiveOptions.From(configuration);
        services.AddSingleton(options);
        services.AddSingleton<ArchiveMover>();
        if (options.Enabled)
        {
            services.AddHostedService(sp => sp.GetRequiredService<ArchiveMover>());
        }

        return services;
    }
}
