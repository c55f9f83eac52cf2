using Microsoft.Extensions.DependencyInjection;
using ReversePaas.Kernel.Activities;
using ReversePaas.Kernel.AfterSales;
using ReversePaas.Kernel.Orders;
using ReversePaas.Persistence;
using ReversePaas.Persistence.Outbox;
using ReversePaas.Sdk;

namespace ReversePaas.Host.Tests.Support;

/// <summary>
/// The host's store with every call passed on: the base of the test stores that change only what a save does (hold it,
/// make it collide), so that each says only that.
/// </summary>
internal abstract class DelegatingReverseStore(IReverseStore inner) : IReverseStore
{
    protected IReverseStore Inner => inner;

    /// <summary>
    /// Replaces the host's store (for <see cref="RunningHost.StartWithServicesAsync"/>) with <paramref name="wrap"/>
    /// around the store the host would have used, per scope.
    /// </summary>
    public static void Replace(IServiceCollection services, Func<IServiceProvider, IReverseStore, DelegatingReverseStore> wrap)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<IReverseStore>(sp =>
            wrap(sp, new EfReverseStore(sp.GetRequiredService<ReverseDbContext>(), sp.GetService<IOutboxSignal>())));
    }

    public Task<Order?> FindOrderAsync(string orderId, CancellationToken cancellationToken) => inner.FindOrderAsync(orderId, cancellationToken);

    public Task<IReadOnlyList<AfterSale>> AfterSalesOfOrderAsync(string orderId, CancellationToken cancellationToken) => inner.AfterSalesOfOrderAsync(orderId, cancellationToken);

    public Task<OrderClaims> ClaimsOfOrderAsync(string orderId, CancellationToken cancellationToken) => inner.ClaimsOfOrderAsync(orderId, cancellationToken);

    public Task<AfterSale?> FindAfterSaleAsync(string afterSaleId, CancellationToken cancellationToken) => inner.FindAfterSaleAsync(afterSaleId, cancellationToken);

    public Task<bool> MessageAppliedAsync(string messageId, CancellationToken cancellationToken) => inner.MessageAppliedAsync(messageId, cancellationToken);

    public void RecordMessageApplied(string messageId, string type, DateTimeOffset appliedAt) => inner.RecordMessageApplied(messageId, type, appliedAt);

    public Task<(AfterSale AfterSale, string? Fingerprint)?> FindByIdempotencyKeyAsync(Actor applicant, string key, CancellationToken cancellationToken)
        => inner.FindByIdempotencyKeyAsync(applicant, key, cancellationToken);

    public Task<bool> RefundRecordedAsync(string afterSaleId, CancellationToken cancellationToken) => inner.RefundRecordedAsync(afterSaleId, cancellationToken);

    public void Add(Order order) => inner.Add(order);

    public void Add(AfterSale afterSale, string? idempotencyKey, string? fingerprint) => inner.Add(afterSale, idempotencyKey, fingerprint);

    public void Add(RefundRecord refund) => inner.Add(refund);

    public virtual Task SaveAsync(CancellationToken cancellationToken) => inner.SaveAsync(cancellationToken);

    public void Reset() => inner.Reset();
}
