using Microsoft.AspNetCore.DataProtection;
using ReversePaas.Persistence;

namespace ReversePaas.Host.PersonalData;

/// <summary>Registers the protection of personal data (the pickup address): Data Protection with its keys in our database.</summary>
internal static class PersonalDataServiceCollectionExtensions
{
    /// <summary>
    /// Every host of a cluster must derive the same keys: the application name is fixed rather than the default (the
    /// content root path, which differs between machines and deployments), and the key ring is read from the database.
    /// </summary>
    public const string ApplicationName = "ReversePaas";

    public static IServiceCollection AddPersonalDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToReverseDatabase();
        services.AddSingleton<PickupAddressProtector>();
        services.AddSingleton<PickupAddressReader>();
        return services;
    }
}
