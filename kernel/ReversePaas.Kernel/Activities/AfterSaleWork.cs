using ReversePaas.Kernel.AfterSales;
using ReversePaas.Kernel.Domain;
using ReversePaas.Kernel.Extensions.Budget;
using ReversePaas.Kernel.Orders;
using ReversePaas.Sdk;

namespace ReversePaas.Kernel.Activities;

/// <summary>
/// The one way the activities change state: under the order's lock, on state read after the lock was taken, one
/// change, one save. <see cref="RunAsync"/> changes an existing after-sale; <see cref="OnOrderAsync{T}"/> starts from
/// the order (opening an after-sale, cancelling the order).
/// </summary>
public sealed class AfterSaleWork
{
    private readonly IReverseStore _store;
    private readonly IOrderLock _locks;
    private readonly ActivityOptions _options;
    private readonly ExtensionCallBudget? _budget;

    // With a budget the change runs under an ExtensionCallScope: an extension call that outlives it ends the work at
    // once, with the lock released and nothing saved.
    public AfterSaleWork(IReverseStore store, IOrderLock locks, ActivityOptions options, ExtensionCallBudget? budget = null)
    {
        _store = store;
        _locks = locks;
        _options = options;
        _budget = budget;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the after-sale <paramref name="afterSaleId"/> as seen by
    /// <paramref name="actor"/> (404 when it may not see it) and saves.
    /// </summary>
    public async Task<AfterSale> RunAsync(string afterSaleId, Actor actor, Func<AfterSale, Order, Task> change, CancellationToken cancellationToken)
    {
        var found = await _store.FindAfterSaleAsync(afterSaleId, cancellationToken);
        if (found is null)
        {
            throw await MissingAsync(afterSaleId, actor, cancellationToken);
        }

        if (!found.IsVisibleTo(actor))
        {
            throw new NotFoundException("After-sale", afterSaleId);
        }

        await using (await _locks.AcquireAsync(found.OrderId, _options.LockTimeout, cancellationToken))
        {
            // What was read before the lock may be stale: read again under it.
            _store.Reset();
            var sale = await _store.FindAfterSaleAsync(afterSaleId, cancellationToken)
                ?? throw await MissingAsync(afterSaleId, actor, cancellationToken);
            var order = await _store.FindOrderAsync(sale.OrderId, cancellationToken)
                ?? throw new InvalidOperationException($"After-sale '{afterSaleId}' refers to order '{sale.OrderId}', which does not exist.");
            await ChangeAsync(async () =>
            {
                await change(sale, order);
                return true;
            });
            await _store.SaveAsync(cancellationToken);
            return sale;
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the order <paramref name="orderId"/> as seen by <paramref name="actor"/>
    /// (404 when it may not see it) under the order's lock, and saves what it changed or added.
    /// </summary>
    public async Task<T> OnOrderAsync<T>(string orderId, Actor actor, Func<Order, Task<T>> change, CancellationToken cancellationToken)
    {
        await using (await _locks.AcquireAsync(orderId, _options.LockTimeout, cancellationToken))
        {
            // Whatever the store read before the lock may be stale: start from what the database says now.
            _store.Reset();
            var order = await _store.FindOrderAsync(orderId, cancellationToken);
            if (order is null || !order.IsVisibleTo(actor))
            {
                throw new NotFoundException("Order", orderId);
            }

            var result = await ChangeAsync(() => change(order));
            await _store.SaveAsync(cancellationToken);
            return result;
        }
    }

    /// <summary>
    /// Why an after-sale the hot tables lack cannot change: archived (finished and old: read-only, 409 with
    /// <see cref="ReasonCodes.AfterSaleArchived"/>, to whoever may see it), or unknown (404).
    /// </summary>
    private async Task<Exception> MissingAsync(string afterSaleId, Actor actor, CancellationToken cancellationToken)
    {
        var archived = await _store.FindArchivedAfterSaleAsync(afterSaleId, cancellationToken);
        return archived is not null && archived.IsVisibleTo(actor)
            ? new DomainRuleException(ReasonCodes.AfterSaleArchived, $"After-sale '{afterSaleId}' is archived ({archived.Status}, last changed {archived.UpdatedAt:O}): archived after-sales are read-only; nothing was changed.")
            : new NotFoundException("After-sale", afterSaleId);
    }

    private async Task<T> ChangeAsync<T>(Func<Task<T>> change)
    {
        if (_budget is null)
        {
            return await change();
        }

        using var scope = ExtensionCallScope.Open(_budget);
        return await scope.RunAsync(change);
    }
}
