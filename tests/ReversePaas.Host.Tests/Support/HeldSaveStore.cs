using Microsoft.AspNetCore.Http;
using ReversePaas.Kernel.Activities;
using ReversePaas.Kernel.AfterSales;
using ReversePaas.Kernel.Orders;
using ReversePaas.Sdk;

namespace ReversePaas.Host.Tests.Support;

/// <summary>The host's store, except that the save of a request marked for a <see cref="SaveHolds"/> gate waits there first.</summary>
internal sealed class HeldSaveStore(IReverseStore inner, IHttpContextAccessor http, SaveHolds holds) : IReverseStore
{
    public Task<Order?> FindOrderAsync(string orderId, CancellationToken cancellationToken) => inner.FindOrderAsync(orderId, cancellationToken);

    public Task<IReadOnlyList<AfterSale>> AfterSalesOfOrderAsync(string orderId, CancellationToken cancellationToken) => inner.AfterSalesOfOrderAsync(orderId, cancellationToken);

    public Task<AfterSale?> FindAfterSaleAsync(string afterSaleId, CancellationToken cancellationToken) => inner.FindAfterSaleAsync(afterSaleId, cancellationToken);

    public Task<(AfterSale AfterSale, string? Fingerprint)?> FindByIdempotencyKeyAsync(Actor applicant, string key, CancellationToken cancellationToken)
        => inner.FindByIdempotencyKeyAsync(applicant, key, cancellationToken);

    public Task<bool> RefundRecordedAsync(string afterSaleId, CancellationToken cancellationToken) => inner.RefundRecordedAsync(afterSaleId, cancellationToken);

    public void Add(Order order) => inner.Add(order);

    public void Add(AfterSale afterSale, string? idempotencyKey, string? fingerprint) => inner.Add(afterSale, idempotencyKey, fingerprint);

    public void Add(RefundRecord refund) => inner.Add(refund);

    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (holds.For(http.HttpContext) is { } gate)
        {
            await gate.PassAsync(cancellationToken);
        }

        await inner.SaveAsync(cancellationToken);
    }

    public void Reset() => inner.Reset();
}
