using ReversePaas.Kernel.AfterSales;
using ReversePaas.Kernel.Orders;
using ReversePaas.Sdk;

namespace ReversePaas.Kernel.Activities;

/// <summary>
/// The unit of work the activities use: load aggregates, add new ones, save all changes in one transaction.
/// One instance per request or per background work item.
/// </summary>
public interface IReverseStore
{
    /// <summary>The order, or null.</summary>
    Task<Order?> FindOrderAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>Every after-sale of an order (to count what is claimed), archived ones included.</summary>
    Task<IReadOnlyList<AfterSale>> AfterSalesOfOrderAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>
    /// What the order's after-sales claim, archived ones included: the same sums as counting <see cref="AfterSalesOfOrderAsync"/>, read
    /// without loading the after-sales (an application needs no more).
    /// </summary>
    Task<OrderClaims> ClaimsOfOrderAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>The after-sale, or null.</summary>
    Task<AfterSale?> FindAfterSaleAsync(string afterSaleId, CancellationToken cancellationToken);

    /// <summary>
    /// The after-sale if it was moved to the archive (read-only: finished and old, docs/persistence.md "Archive"), or null.
    /// A store without an archive has none.
    /// </summary>
    Task<AfterSale?> FindArchivedAfterSaleAsync(string afterSaleId, CancellationToken cancellationToken) => Task.FromResult<AfterSale?>(null);

    /// <summary>The after-sale an applicant created with an idempotency key and that request's fingerprint, or null.</summary>
    Task<(AfterSale AfterSale, string? Fingerprint)?> FindByIdempotencyKeyAsync(Actor applicant, string key, CancellationToken cancellationToken);

    /// <summary>
    /// The same look-up for an application to <paramref name="orderId"/>: a store that keeps orders apart (shards) looks
    /// only where that order's after-sales are. Others need not tell the difference.
    /// </summary>
    Task<(AfterSale AfterSale, string? Fingerprint)?> FindByIdempotencyKeyAsync(Actor applicant, string key, string orderId, CancellationToken cancellationToken)
        => FindByIdempotencyKeyAsync(applicant, key, cancellationToken);

    /// <summary>True when a refund was already recorded for the after-sale.</summary>
    Task<bool> RefundRecordedAsync(string afterSaleId, CancellationToken cancellationToken);

    /// <summary>True when the message from outside with this id (an inbound event) was applied already.</summary>
    Task<bool> MessageAppliedAsync(string messageId, CancellationToken cancellationToken);

    /// <summary>
    /// Records that the message from outside <paramref name="messageId"/> is applied by the next
    /// <see cref="SaveAsync"/>: saved in the same transaction as its effect, so it is applied once, and kept across
    /// <see cref="Reset"/> (the activities reset under the order's lock). A second record of the same id makes that
    /// save throw <see cref="Domain.DuplicateException"/>.
    /// </summary>
    void RecordMessageApplied(string messageId, string type, DateTimeOffset appliedAt);

    /// <summary>Adds a new order.</summary>
    void Add(Order order);

    /// <summary>Adds a new after-sale, with the idempotency key and request fingerprint it was created with.</summary>
    void Add(AfterSale afterSale, string? idempotencyKey, string? fingerprint);

    /// <summary>Adds a refund record.</summary>
    void Add(RefundRecord refund);

    /// <summary>
    /// Saves everything in one transaction. A concurrent change of the same order or after-sale (version
    /// mismatch) throws <see cref="Domain.TransientConflictException"/>; a duplicate key throws
    /// <see cref="Domain.DuplicateException"/>; either way nothing was written.
    /// </summary>
    Task SaveAsync(CancellationToken cancellationToken);

    /// <summary>Forgets loaded state, so the next read sees the database (after a failed save).</summary>
    void Reset();
}
