using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReversePaas.Host.Health;
using ReversePaas.Persistence.Outbox;

namespace ReversePaas.Host.Broker;

/// <summary>Registers the broker's publisher and its <c>/readyz</c> check, only when <c>RabbitMq:Uri</c> is set.</summary>
internal static class BrokerServiceCollectionExtensions
{
    public static IServiceCollection AddRabbitMqBroker(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(BrokerOptions.Section).Get<BrokerOptions>() ?? new BrokerOptions();
        if (string.IsNullOrWhiteSpace(options.Uri))
        {
            return services; // no broker: nothing of it is registered, nothing of it runs
        }

        if (!Uri.TryCreate(options.Uri, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
        {
            throw new InvalidOperationException($"RabbitMq:Uri must be an amqp:// or amqps:// URI, got '{options.Uri}'.");
        }

        services.AddSingleton(options);
        services.AddSingleton<BrokerConnection>();
        services.AddSingleton<CloudEventMessages>();
        services.AddScoped<IOutboxConsumer, BrokerEventConsumer>();
        services.AddScoped<InboundEventHandler>();
        services.AddSingleton<BrokerInbound>();
        services.AddHostedService(sp => sp.GetRequiredService<BrokerInbound>());
        services.AddTransient<BrokerHealthCheck>();
        services.AddHealthChecks().Add(new HealthCheckRegistration("broker", sp => sp.GetRequiredService<BrokerHealthCheck>(), failureStatus: null, tags: [ReadinessChecks.Tag]));
        return services;
    }
}
