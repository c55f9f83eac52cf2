using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ReversePaas.Persistence.Outbox;

/// <summary>Registers the outbox: its options, the signal that wakes it after a commit, the dispatcher and the retention sweep.</summary>
public static class OutboxServiceCollectionExtensions
{
    /// <summary>
    /// Adds the outbox machinery from the <c>Outbox</c> section (refused at start when a value cannot work). The
    /// consumers are the caller's: every <see cref="IOutboxConsumer"/> registered (scoped) is delivered to.
    /// </summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(OutboxOptions.From(configuration));
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IOutboxSignal>(sp => sp.GetRequiredService<OutboxSignal>());
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddSingleton<OutboxRetentionSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxRetentionSweep>());
        return services;
    }
}
