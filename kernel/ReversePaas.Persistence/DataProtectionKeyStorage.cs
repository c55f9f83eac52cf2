using Microsoft.AspNetCore.DataProtection;

namespace ReversePaas.Persistence;

/// <summary>
/// Where ASP.NET Core Data Protection keeps its key ring: the <c>data_protection_keys</c> table of our database, so every
/// host of a cluster protects and unprotects with the same keys (a pickup address written by one host is read by any).
/// </summary>
public static class DataProtectionKeyStorage
{
    /// <summary>Persists the key ring in the database of <see cref="ReverseDbContext"/>.</summary>
    public static IDataProtectionBuilder PersistKeysToReverseDatabase(this IDataProtectionBuilder builder)
        => builder.PersistKeysToDbContext<ReverseDbContext>();
}
