using ReversePaas.Host.Contracts;
using ReversePaas.Kernel.AfterSales;
using ReversePaas.Sdk;

namespace ReversePaas.Host.PersonalData;

/// <summary>
/// Who reads a pickup address how (API.md v1.1): the order's customer, customer service, ops and systems in full; a
/// merchant masked; risk control masked too, since judging a refund needs no way to reach the customer (docs/api.md).
/// </summary>
internal sealed class PickupAddressReader(PickupAddressProtector protector)
{
    /// <summary>The roles that read the address in full; every other role reads it masked.</summary>
    public static readonly IReadOnlySet<ActorRole> FullReaders = new HashSet<ActorRole> { ActorRole.User, ActorRole.CustomerService, ActorRole.Ops, ActorRole.System };

    /// <summary>The after-sale's pickup address as <paramref name="reader"/> may see it (null when none).</summary>
    public PickupAddressResponse? For(AfterSale sale, Actor reader)
    {
        var address = protector.Unprotect(sale.AfterSaleId, sale.ProtectedPickupAddress);
        return address is null || FullReaders.Contains(reader.Role) ? address : PickupAddressMask.Mask(address);
    }

    /// <summary>Masked, whoever receives it: what leaves the host on the broker (API.md: <c>pickupAddress</c> masked).</summary>
    public PickupAddressResponse? Masked(AfterSale sale)
        => protector.Unprotect(sale.AfterSaleId, sale.ProtectedPickupAddress) is { } address ? PickupAddressMask.Mask(address) : null;

    /// <summary>The after-sale as <paramref name="reader"/> sees it.</summary>
    public AfterSaleResponse Respond(AfterSale sale, Actor reader) => sale.ToResponse(For(sale, reader));
}
