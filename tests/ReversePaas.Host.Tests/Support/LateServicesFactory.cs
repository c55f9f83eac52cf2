using Microsoft.Extensions.DependencyInjection;

namespace ReversePaas.Host.Tests.Support;

/// <summary>
/// Builds the host's container after letting a test change its registrations. The host registers its services after
/// the builder callback of <see cref="ReversePaasApp.Build"/> runs, so a registration made there would be overridden;
/// the container factory is the one step that sees the finished collection.
/// </summary>
internal sealed class LateServicesFactory(Action<IServiceCollection> replaceServices) : IServiceProviderFactory<IServiceCollection>
{
    public IServiceCollection CreateBuilder(IServiceCollection services)
    {
        replaceServices(services);
        return services;
    }

    public IServiceProvider CreateServiceProvider(IServiceCollection containerBuilder) => containerBuilder.BuildServiceProvider();
}
