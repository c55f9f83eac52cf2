using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using ReversePaas.Host.Contracts;

namespace ReversePaas.Host.PersonalData;

/// <summary>
/// Seals and opens pickup addresses with ASP.NET Core Data Protection (authenticated encryption under the key ring in the
/// database; docs/security.md). The sealed form is what the kernel and the database hold; it names the key it was sealed
/// with, so rows written before a key rotation still open.
/// </summary>
internal sealed partial class PickupAddressProtector(IDataProtectionProvider protection, ILogger<PickupAddressProtector> logger)
{
    /// <summary>
    /// The purpose isolates these payloads from every other use of the key ring (the dashboard cookie): one cannot be
    /// replayed as the other. Versioned so a change of the sealed shape can use a new purpose and still read the old one.
    /// </summary>
    public const string Purpose = "ReversePaas.PickupAddress.v1";

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    /// <summary>The sealed form of <paramref name="address"/> (base64url text), or null when there is none.</summary>
    public string? Protect(PickupAddressRequest? address)
        => address is null
            ? null
            : _protector.Protect(JsonSerializer.Serialize(new PickupAddressResponse(address.Name!, address.Phone!, address.Address!)));

    /// <summary>
    /// The plain address, or null when there is none or it cannot be opened (its key deleted or the ciphertext altered):
    /// the after-sale is still answered, without the address, and the failure is logged by after-sale id only.
    /// </summary>
    public PickupAddressResponse? Unprotect(string afterSaleId, string? sealedAddress)
    {
        if (sealedAddress is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<PickupAddressResponse>(_protector.Unprotect(sealedAddress));
        }
        catch (CryptographicException ex)
        {
            LogUnreadable(logger, afterSaleId, ex.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The pickup address of after-sale {AfterSaleId} cannot be unprotected ({Error}): answered without it")]
    private static partial void LogUnreadable(ILogger logger, string afterSaleId, string error);
}
