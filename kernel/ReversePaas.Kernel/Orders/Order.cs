using ReversePaas.Kernel.Domain;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Kernel.Orders;

/// <summary>
/// The snapshot of a forward order that the reverse flow works on: lines with split data, the refund ledger,
/// the business identity resolved at registration. Status only moves forward; every change bumps
/// <see cref="Version"/>, the optimistic-concurrency token that fences the ledger.
/// </summary>
public sealed class Order
{
    private static readonly OrderStatus[] ForwardPath = [OrderStatus.PendingPayment, OrderStatus.PendingShipment, OrderStatus.Shipped, OrderStatus.Completed];

    private readonly List<OrderLine> _lines = [];
    private readonly List<OrderDiscount> _discounts = [];

    private Order()
    {
        OrderId = UserId = VenderId = VenderType = OrderType = Channel = Currency = BusinessIdentity = Fingerprint = "";
        Attributes = [];
        Ledger = null!;
    }

    /// <summary>Order number; the routing key of every row of the order.</summary>
    public string OrderId { get; private set; }

    public string UserId { get; private set; }

    public string VenderId { get; private set; }

    /// <summary>Merchant type.</summary>
    public string VenderType { get; private set; }

    /// <summary>Order type.</summary>
    public string OrderType { get; private set; }

    public string Channel { get; private set; }

    /// <summary>Forward status.</summary>
    public OrderStatus Status { get; private set; }

    /// <summary>Warehouse stage.</summary>
    public WarehouseStage WarehouseStage { get; private set; }

    /// <summary>Freight paid.</summary>
    public decimal Freight { get; private set; }

    public string Currency { get; private set; }

    /// <summary>When received by the customer.</summary>
    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>Business identity resolved at registration.</summary>
    public string BusinessIdentity { get; private set; }

    /// <summary>Key/value data of the business line.</summary>
    public Dictionary<string, string> Attributes { get; private set; }

    public RefundLedger Ledger { get; private set; }

    /// <summary>Fingerprint of the registration request.</summary>
    public string Fingerprint { get; private set; }

    /// <summary>When registered.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When last changed.</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Concurrency token, bumped by every change.</summary>
    public long Version { get; private set; }

    /// <summary>What the customer pays: the lines' paid amounts plus freight.</summary>
    public decimal PayableAmount => _lines.Sum(l => l.PaidAmount) + Freight;

    /// <summary>Lines by line number.</summary>
    public IReadOnlyList<OrderLine> Lines => _lines;

    /// <summary>Discounts as registered.</summary>
    public IReadOnlyList<OrderDiscount> Discounts => _discounts;

    /// <summary>
    /// Registers an order: validates it, allocates its discounts to the cent and opens its ledger.
    /// </summary>
    /// <exception cref="DomainValidationException">The order breaks a rule of its own (see the errors).</exception>
    public static Order Register(OrderRegistration registration, BusinessIdentity identity, DateTimeOffset now)
    {
        OrderRegistrationRules.Validate(registration);
        var allocation = DiscountAllocator.Allocate(
            [.. registration.Lines.Select(l => new AllocationLine(l.LineNo, l.Quantity * l.UnitPrice))],
            [.. registration.Discounts.Select(d => new AllocationDiscount(d.Code, d.Amount, d.LineNos))]);

        var order = new Order
        {
            OrderId = registration.OrderId,
            UserId = registration.UserId,
            VenderId = registration.VenderId,
            VenderType = registration.VenderType,
            OrderType = registration.OrderType,
            Channel = registration.Channel,
            Status = registration.Status,
            WarehouseStage = registration.WarehouseStage,
            Freight = registration.Freight,
            Currency = registration.Currency,
            CompletedAt = registration.Status == OrderStatus.Completed ? registration.CompletedAt ?? now : null,
            BusinessIdentity = identity.Value,
            Attributes = new Dictionary<string, string>(registration.Attributes, StringComparer.Ordinal),
            Fingerprint = registration.Fingerprint,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        foreach (var line in registration.Lines.OrderBy(l => l.LineNo))
        {
            order._lines.Add(new OrderLine(order.OrderId, line, allocation.AllocatedTo(line.LineNo)));
        }

        for (var i = 0; i < registration.Discounts.Count; i++)
        {
            var d = registration.Discounts[i];
            order._discounts.Add(new OrderDiscount(order.OrderId, i, d.Code, d.Kind, d.Amount, d.LineNos));
        }

        // An unpaid order has paid nothing: its ledger opens empty and is filled when it moves to PendingShipment.
        order.Ledger = new RefundLedger(order.Status == OrderStatus.PendingPayment ? 0m : order.PayableAmount);
        return order;
    }

    /// <summary>
    /// Moves status and/or warehouse stage forward. Repeating the current value is a no-op; anything
    /// backwards, off the path, or on a cancelled or closed order is refused.
    /// </summary>
    public void Advance(OrderStatus? status, WarehouseStage? stage, DateTimeOffset now)
    {
        if (status is null && stage is null)
        {
            throw new DomainValidationException("status", "Give a status, a warehouseStage, or both.");
        }

        if (Status is OrderStatus.Cancelled or OrderStatus.Closed)
        {
            throw new DomainRuleException(ReasonCodes.OrderFinished, $"Order '{OrderId}' is {Status}; its status no longer moves.");
        }

        var targetStatus = status ?? Status;
        var from = Array.IndexOf(ForwardPath, Status);
        var to = Array.IndexOf(ForwardPath, targetStatus);
        if (to < 0)
        {
            throw new DomainRuleException(ReasonCodes.IllegalOrderTransition,
                $"Order status cannot be set to {targetStatus}: it is reached through cancellation or after-sales, not set.");
        }

        if (to < from)
        {
            throw new DomainRuleException(ReasonCodes.IllegalOrderTransition,
                $"Order '{OrderId}' cannot move from {Status} back to {targetStatus}: status only moves forward (PendingPayment → PendingShipment → Shipped → Completed).");
        }

        if (stage is { } newStage && newStage != WarehouseStage)
        {
            if (newStage < WarehouseStage)
            {
                throw new DomainRuleException(ReasonCodes.IllegalOrderTransition,
                    $"Order '{OrderId}' cannot move from warehouse stage {WarehouseStage} back to {newStage}: NotPushed → Pushed → Packed only.");
            }

            if (targetStatus == OrderStatus.PendingPayment)
            {
                throw new DomainRuleException(ReasonCodes.IllegalOrderTransition,
                    $"Order '{OrderId}' is not paid: it cannot be {newStage} in the warehouse.");
            }

            WarehouseStage = newStage;
        }

        if (to > from)
        {
            if (Status == OrderStatus.PendingPayment)
            {
                Ledger.RecordPayment(PayableAmount);
            }

            Status = targetStatus;
            if (targetStatus is OrderStatus.Shipped or OrderStatus.Completed)
            {
                WarehouseStage = WarehouseStage.Packed;
            }

            if (targetStatus == OrderStatus.Completed)
            {
                CompletedAt = now;
            }
        }

        Touch(now);
    }

    /// <summary>Cancels an unpaid order (no after-sale, no refund).</summary>
    public void CancelUnpaid(DateTimeOffset now)
    {
        if (Status != OrderStatus.PendingPayment)
        {
            throw new DomainRuleException(ReasonCodes.OrderNotUnpaid, $"Order '{OrderId}' is {Status}, not PendingPayment: only unpaid orders are cancelled without an after-sale.");
        }

        Status = OrderStatus.Cancelled;
        Touch(now);
    }

    /// <summary>The goods of a paid order were stopped: the order is cancelled (its refund follows).</summary>
    public void CancelIntercepted(DateTimeOffset now)
    {
        if (Status != OrderStatus.PendingShipment)
        {
            throw new DomainRuleException(ReasonCodes.OrderNotPendingShipment, $"Order '{OrderId}' is {Status}: only an order pending shipment is cancelled by interception.");
        }

        Status = OrderStatus.Cancelled;
        Touch(now);
    }

    /// <summary>Promises <paramref name="amount"/> to a new after-sale.</summary>
    public void Reserve(decimal amount, DateTimeOffset now)
    {
        Ledger.Reserve(amount, OrderId);
        Touch(now);
    }

    /// <summary>Gives back what a rejected, withdrawn or failed after-sale had been promised.</summary>
    public void Release(decimal amount, DateTimeOffset now)
    {
        Ledger.Release(amount);
        Touch(now);
    }

    /// <summary>Records a refund paid out. When everything paid has been refunded, the order closes.</summary>
    public void RecordRefund(decimal amount, DateTimeOffset now)
    {
        Ledger.Settle(amount);
        if (Ledger.Refunded == Ledger.Paid && Status is OrderStatus.Shipped or OrderStatus.Completed)
        {
            Status = OrderStatus.Closed;
        }

        Touch(now);
    }

    /// <summary>The line with <paramref name="lineNo"/>.</summary>
    public OrderLine Line(int lineNo) => _lines.First(l => l.LineNo == lineNo);

    /// <summary>The read-only view plugins see.</summary>
    public OrderView ToView() => new()
    {
        OrderId = OrderId,
        UserId = UserId,
        VenderId = VenderId,
        VenderType = VenderType,
        OrderType = OrderType,
        Channel = Channel,
        Status = Status,
        WarehouseStage = WarehouseStage,
        Freight = Freight,
        Currency = Currency,
        CompletedAt = CompletedAt,
        Attributes = Attributes,
        Lines = [.. _lines.Select(l => l.ToView())],
        Ledger = Ledger.ToView(),
    };

    /// <summary>True when <paramref name="actor"/> may see and act on this order in its role.</summary>
    public bool IsVisibleTo(Actor actor) => actor.Role switch
    {
        ActorRole.User => string.Equals(actor.Subject, UserId, StringComparison.Ordinal),
        ActorRole.Merchant => string.Equals(actor.Subject, VenderId, StringComparison.Ordinal),
        _ => true,
    };

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}
