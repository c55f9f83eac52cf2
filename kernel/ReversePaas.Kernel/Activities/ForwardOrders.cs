using ReversePaas.Kernel.Domain;
using ReversePaas.Kernel.Identity;
using ReversePaas.Kernel.Orders;
using ReversePaas.Sdk;

namespace ReversePaas.Kernel.Activities;

/// <summary>
/// The forward-order snapshots the order center registers: registration (identity resolved from
/// identity-mappings, discounts allocated, ledger opened; idempotent by order id and body), reads, status moves.
/// </summary>
public sealed class ForwardOrders
{
    private readonly IReverseStore _store;
    private readonly IOrderLock _locks;
    private readonly Func<IdentityRuleSet> _rules;
    private readonly TimeProvider _time;
    private readonly ActivityOptions _options;

    /// <summary>Creates the service; <paramref name="rules"/> returns the identity rules in force.</summary>
    public ForwardOrders(IReverseStore store, IOrderLock locks, Func<IdentityRuleSet> rules, TimeProvider time, ActivityOptions options)
    {
        _store = store;
        _locks = locks;
        _rules = rules;
        _time = time;
        _options = options;
    }

    /// <summary>Registers the order; <c>Created</c> is false when the identical order was already registered.</summary>
    public async Task<(Order Order, bool Created)> RegisterAsync(OrderRegistration registration, CancellationToken cancellationToken)
    {
        if (await _store.FindOrderAsync(registration.OrderId, cancellationToken) is { } existing)
        {
            return (SameOrConflict(existing, registration), false);
        }

        var traits = new OrderTraits(registration.VenderType, registration.OrderType, registration.Channel, registration.Attributes);
        var identity = _rules().Resolve(traits).Identity;
        var order = Order.Register(registration, identity, _time.GetUtcNow());
        _store.Add(order);
        try
        {
            await _store.SaveAsync(cancellationToken);
            return (order, true);
        }
        catch (DuplicateException)
        {
            // Registered concurrently by another request: answer as a re-post would.
            _store.Reset();
            var winner = await _store.FindOrderAsync(registration.OrderId, cancellationToken)
                ?? throw new InvalidOperationException($"Order '{registration.OrderId}' was a duplicate but cannot be read.");
            return (SameOrConflict(winner, registration), false);
        }
    }

    /// <summary>The order as <paramref name="actor"/> may see it.</summary>
    public async Task<Order> GetAsync(string orderId, Actor actor, CancellationToken cancellationToken)
    {
        var order = await _store.FindOrderAsync(orderId, cancellationToken);
        return order is not null && order.IsVisibleTo(actor) ? order : throw new NotFoundException("Order", orderId);
    }

    /// <summary>Moves the order's status and/or warehouse stage forward.</summary>
    public async Task<Order> AdvanceAsync(string orderId, Sdk.Orders.OrderStatus? status, Sdk.Orders.WarehouseStage? stage, CancellationToken cancellationToken)
    {
        await using (await _locks.AcquireAsync(orderId, _options.LockTimeout, cancellationToken))
        {
            var order = await _store.FindOrderAsync(orderId, cancellationToken) ?? throw new NotFoundException("Order", orderId);
            order.Advance(status, stage, _time.GetUtcNow());
            await _store.SaveAsync(cancellationToken);
            return order;
        }
    }

    /// <summary>
    /// Cancels an order left unpaid past its window. Safe to repeat and to race with payment: under the order's lock
    /// an order that was paid meanwhile (or already cancelled) is left alone.
    /// </summary>
    public async Task<bool> CancelIfStillUnpaidAsync(string orderId, CancellationToken cancellationToken)
    {
        await using (await _locks.AcquireAsync(orderId, _options.LockTimeout, cancellationToken))
        {
            var order = await _store.FindOrderAsync(orderId, cancellationToken);
            var now = _time.GetUtcNow();
            if (order is null || order.Status != Sdk.Orders.OrderStatus.PendingPayment || order.CreatedAt > now - _options.UnpaidTimeout)
            {
                return false;
            }

            order.CancelUnpaid(now);
            await _store.SaveAsync(cancellationToken);
            return true;
        }
    }

    private static Order SameOrConflict(Order existing, OrderRegistration registration)
        => string.Equals(existing.Fingerprint, registration.Fingerprint, StringComparison.Ordinal)
            ? existing
            : throw new DomainRuleException(ReasonCodes.OrderExists,
                $"Order '{registration.OrderId}' is already registered with different content; an order snapshot is registered once (status moves go to /status).");
}
