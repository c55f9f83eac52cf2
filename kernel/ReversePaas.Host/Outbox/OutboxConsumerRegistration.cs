using ReversePaas.Persistence.Outbox;

namespace ReversePaas.Host.Outbox;

/// <summary>
/// Registers every <see cref="IOutboxConsumer"/> of the host by scanning, so a new consumer is one class: scoped to a
/// dispatcher pass, run in the order of <see cref="IOutboxConsumer.Order"/>.
/// </summary>
internal static class OutboxConsumerRegistration
{
    public static IServiceCollection AddOutboxConsumers(this IServiceCollection services)
        => services.Scan(scan => scan
            .FromAssemblyOf<ChangedAfterSale>()
            // The broker's consumer is registered by AddRabbitMqBroker, and only when a broker is configured.
            .AddClasses(classes => classes.AssignableTo<IOutboxConsumer>().NotInNamespaceOf<Broker.BrokerEventConsumer>(), publicOnly: false)
            .As<IOutboxConsumer>()
            .WithScopedLifetime());
}
