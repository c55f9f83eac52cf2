using System.Reflection;
using ReversePaas.Kernel.AfterSales;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Kernel.Tests.AfterSales;

/// <summary>Builds after-sales for tests.</summary>
internal static class AfterSaleBuilder
{
    public static AfterSale New(AfterSaleType type, decimal refund = 10m)
        => AfterSale.Open(
            new AfterSaleDraft
            {
                AfterSaleId = AfterSaleIds.New("O-1", DateTimeOffset.UnixEpoch),
                OrderId = "O-1",
                Type = type,
                Identity = BusinessIdentity.Parse("retail.self"),
                Reason = "test",
                Applicant = new Actor(ActorRole.User, "u-1"),
                UserId = "u-1",
                VenderId = "v-1",
                Lines = [new AfterSaleDraftLine(1, "A", "Item A", 1, refund)],
                FreightRefund = 0,
                Evidence = [],
                PickupAt = null,
            },
            DateTimeOffset.UnixEpoch);

    /// <summary>An after-sale put straight into <paramref name="status"/> (as if loaded from the database in that state).</summary>
    public static AfterSale InStatus(AfterSaleType type, AfterSaleStatus status)
    {
        var sale = New(type);
        typeof(AfterSale).GetProperty(nameof(AfterSale.Status), BindingFlags.Public | BindingFlags.Instance)!.SetValue(sale, status);
        return sale;
    }
}
