using ReversePaas.Kernel.Domain;
using ReversePaas.Kernel.Orders;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Kernel.Tests.Orders;

/// <summary>The forward-order snapshot: forward-only moves, the ledger's money, closing on full refund.</summary>
public sealed class OrderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<OrderStatus, OrderStatus, bool> StatusMoves()
    {
        var data = new TheoryData<OrderStatus, OrderStatus, bool>();
        OrderStatus[] path = [OrderStatus.PendingPayment, OrderStatus.PendingShipment, OrderStatus.Shipped, OrderStatus.Completed];
        foreach (var from in path)
        {
            foreach (var to in Enum.GetValues<OrderStatus>())
            {
                var legal = Array.IndexOf(path, to) >= Array.IndexOf(path, from);
                data.Add(from, to, legal);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(StatusMoves))]
    public void Status_only_moves_forward(OrderStatus from, OrderStatus to, bool legal)
    {
        var order = NewOrder(from);
        var version = order.Version;

        var act = () => order.Advance(to, null, Now);

        if (legal)
        {
            act();
            order.Status.Should().Be(to);
            order.Version.Should().Be(version + 1);
        }
        else
        {
            act.Should().Throw<DomainRuleException>().Where(e => e.Reason == "illegal-order-transition" || e.Reason == "order-finished");
            order.Status.Should().Be(from);
            order.Version.Should().Be(version);
        }
    }

    [Fact]
    public void The_warehouse_stage_only_moves_forward_and_not_before_payment()
    {
        var order = NewOrder(OrderStatus.PendingShipment);
        order.Advance(null, WarehouseStage.Pushed, Now);
        order.Advance(null, WarehouseStage.Packed, Now);

        order.Invoking(o => o.Advance(null, WarehouseStage.Pushed, Now)).Should().Throw<DomainRuleException>();
        NewOrder(OrderStatus.PendingPayment).Invoking(o => o.Advance(null, WarehouseStage.Pushed, Now)).Should().Throw<DomainRuleException>();
        order.WarehouseStage.Should().Be(WarehouseStage.Packed);
    }

    [Fact]
    public void An_unpaid_order_has_paid_nothing_until_it_is_paid()
    {
        var order = NewOrder(OrderStatus.PendingPayment, freight: 6m);
        order.Ledger.Paid.Should().Be(0m);
        order.Ledger.Refundable.Should().Be(0m);

        order.Advance(OrderStatus.PendingShipment, null, Now);

        order.Ledger.Paid.Should().Be(36.00m);
        order.Ledger.Refundable.Should().Be(36.00m);
    }

    [Fact]
    public void Reservations_are_capped_by_what_is_refundable_and_a_full_refund_closes_a_completed_order()
    {
        var order = NewOrder(OrderStatus.Completed);
        order.Reserve(20m, Now);
        order.Invoking(o => o.Reserve(10.01m, Now)).Should().Throw<DomainRuleException>().Where(e => e.Reason == "refund-over-refundable");
        order.Reserve(10m, Now);
        order.Ledger.Refundable.Should().Be(0m);

        order.RecordRefund(20m, Now);
        order.Status.Should().Be(OrderStatus.Completed);
        order.Release(10m, Now);
        order.Reserve(10m, Now);
        order.RecordRefund(10m, Now);

        order.Ledger.Refunded.Should().Be(30m);
        order.Ledger.Reserved.Should().Be(0m);
        order.Status.Should().Be(OrderStatus.Closed);
        order.Invoking(o => o.Advance(OrderStatus.Completed, null, Now)).Should().Throw<DomainRuleException>();
    }

    private static Order NewOrder(OrderStatus status, decimal freight = 0m)
        => Order.Register(
            new OrderRegistration
            {
                OrderId = "O-1",
                UserId = "u-1",
                VenderId = "v-1",
                VenderType = "Self",
                OrderType = "Normal",
                Channel = "App",
                Status = status,
                WarehouseStage = WarehouseStage.NotPushed,
                Freight = freight,
                Currency = "CNY",
                CompletedAt = null,
                Attributes = new Dictionary<string, string>(),
                Lines = [new OrderRegistrationLine(1, "A", "A", 3, 10m, "1", null)],
                Discounts = [],
                Fingerprint = "f",
            },
            BusinessIdentity.Parse("retail.self"),
            Now);
}
