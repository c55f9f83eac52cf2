using ReversePaas.Host.Contracts;
using ReversePaas.Host.Tests.BusinessLines;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Kernel.AfterSales;
using ReversePaas.Sdk.Orders;
using Xunit.Abstractions;

namespace ReversePaas.Host.Tests.Broker;

/// <summary>
/// Events in from RabbitMQ (API.md "Events on a message broker", In) against the node eng/start-rabbitmq.sh starts:
/// courier pickup updates shown on the after-sale, warehouse receipts with the REST call's effect, each applied once per
/// event id, and every message that cannot be applied in <c>reversepaas.inbound.dead</c> with its reason. The queue
/// is consumed in order, so a message that is sure to be dead-lettered, sent last, tells that all before it were handled.
/// </summary>
public abstract class InboundEventTests(ITestOutputHelper log)
{
    private const string PickupUpdated = "reversepaas.logistics.pickup-updated";
    private const string WarehouseReceived = "reversepaas.warehouse.received";

    protected abstract Task<string> NewDatabaseAsync();

    [Fact]
    public async Task Pickup_updates_show_on_the_after_sale_once_per_id_and_a_late_older_one_does_not_replace_a_newer()
    {
        await using var inbound = await InboundSender.OpenAsync();
        var (api, sale, host) = await AwaitingGoodsAsync();
        await using var _ = host;
        var t0 = DateTimeOffset.UtcNow;

        var assigned = await inbound.SendAsync(PickupUpdated, sale.AfterSaleId, Pickup("Assigned"), t0);
        await inbound.SendAsync(PickupUpdated, sale.AfterSaleId, Pickup("Assigned"), t0, id: assigned); // redelivered by its sender
        await inbound.SendAsync(PickupUpdated, sale.AfterSaleId, Pickup("PickedUp"), t0.AddMinutes(2));
        await inbound.SendAsync(PickupUpdated, sale.AfterSaleId, Pickup("Failed"), t0.AddMinutes(1)); // late and older
        await AllHandledAsync(inbound, sale.AfterSaleId);

        var shown = await api.SaleAsync(sale.AfterSaleId);
        shown.Pickup.Should().BeEquivalentTo(new PickupResponse("JD0001", "Wang", "13800001234", PickupState.PickedUp, t0.AddMinutes(2)),
            o => o.Using<DateTimeOffset>(c => c.Subject.Should().BeCloseTo(c.Expectation, TimeSpan.FromMilliseconds(1))).WhenTypeIs<DateTimeOffset>());
        shown.Status.Should().Be(AfterSaleStatus.PendingReturn, "a pickup update moves no status");
        var notes = shown.Timeline.Where(t => t.Note.StartsWith("Pickup ", StringComparison.Ordinal)).ToList();
        log.WriteLine(string.Join(Environment.NewLine, notes.Select(n => $"{n.Actor}: {n.Note}")));
        notes.Select(n => n.Note.Split(' ')[1]).Should().Equal(["Assigned:", "PickedUp:", "Failed"], "the repeated id was applied once; the late one only noted");
        notes.Should().AllSatisfy(n => n.Actor.Should().Be("System:broker"));
        shown.Timeline.Should().NotContain(t => t.Note.Contains("13800001234", StringComparison.Ordinal), "the courier's phone is shown in pickup only");
    }

    [Fact]
    public async Task A_warehouse_receipt_event_has_the_rest_calls_effect_once_and_the_refund_is_exact()
    {
        await using var inbound = await InboundSender.OpenAsync();
        var (api, sale, host) = await AwaitingGoodsAsync();
        await using var _ = host;

        var receipt = new { lines = new[] { new { lineNo = 1, quantity = 1 } } };
        var id = await inbound.SendAsync(WarehouseReceived, sale.AfterSaleId, receipt);
        await inbound.SendAsync(WarehouseReceived, sale.AfterSaleId, receipt, id: id);
        var done = await api.AwaitStatusAsync(sale.AfterSaleId, AfterSaleStatus.Completed, AfterSaleStatus.RefundFailed);
        await AllHandledAsync(inbound, sale.AfterSaleId);

        done.Status.Should().Be(AfterSaleStatus.Completed, done.Refund.LastError);
        done.RefundAmount.Should().Be(19.99m);
        (await api.OrderAsync(done.OrderId)).Ledger.Refunded.Should().Be(19.99m, "one receipt, one refund");
        (await api.SaleAsync(sale.AfterSaleId)).Timeline.Should().ContainSingle(t => t.Note.StartsWith("Goods received", StringComparison.Ordinal))
            .Which.Actor.Should().Be("System:broker");
        inbound.IsDead(id).Should().BeFalse("a repeated id is a duplicate, not a fault");
    }

    [Fact]
    public async Task Messages_that_cannot_be_applied_go_to_the_dead_letter_queue_with_the_reason_and_change_nothing()
    {
        await using var inbound = await InboundSender.OpenAsync();
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, await NewDatabaseAsync(), $"RabbitMq:Uri={TestRabbitMq.Uri}");
        var api = new ReverseApi(host);
        var order = Orders.RetailSelf().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 19.99m);
        await api.RegisterAsync(order);
        var pending = await api.ApplyForAsync(order.OrderId, "ReturnRefund", [new { skuId = "A", quantity = 1 }]);
        pending.Status.Should().Be(AfterSaleStatus.PendingReview);

        await inbound.SendRawAsync(PickupUpdated, "{\"specversion\": \"1.0\", \"id\": "u8.ToArray(), "malformed-1");
        await inbound.SendRawAsync(PickupUpdated, "{\"hello\": 1}"u8.ToArray(), "not-an-event-1");
        var cases = new List<(string Id, string Reason)>
        {
            ("malformed-1", "malformed JSON"),
            ("not-an-event-1", "not a CloudEvent"),
            (await inbound.SendAsync("reversepaas.logistics.teleported", pending.AfterSaleId, new { }), "unknown type 'reversepaas.logistics.teleported'"),
            (await inbound.SendAsync(PickupUpdated, "AS-NO-SUCH-SALE", Pickup("Assigned")), "unknown after-sale"),
            (await inbound.SendAsync(WarehouseReceived, pending.AfterSaleId, new { lines = new[] { new { lineNo = 1, quantity = 1 } } }), "illegal-transition"),
            (await inbound.SendAsync(PickupUpdated, pending.AfterSaleId, Pickup("Assigned")), "illegal-transition"),
            (await inbound.SendAsync(PickupUpdated, pending.AfterSaleId, Pickup("Teleported")), "invalid data: status 'Teleported'"),
            (await inbound.SendAsync(PickupUpdated, pending.AfterSaleId, new { trackingNo = "JD1" }), "invalid data: courierName, courierPhone, status required"),
            (await inbound.SendAsync(WarehouseReceived, pending.AfterSaleId, new { lines = Array.Empty<object>() }), "invalid data"),
        };

        foreach (var (id, reason) in cases)
        {
            var said = await inbound.DeadReasonAsync(id);
            log.WriteLine($"{id}: {said}");
            said.Should().Contain(reason);
        }

        var after = await api.SaleAsync(pending.AfterSaleId);
        after.Status.Should().Be(AfterSaleStatus.PendingReview);
        after.Pickup.Should().BeNull();
        after.Timeline.Should().HaveCount(pending.Timeline.Count, "nothing that was dead-lettered changed the after-sale");
    }

    private async Task<(ReverseApi Api, AfterSaleResponse Sale, RunningHost Host)> AwaitingGoodsAsync()
    {
        var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, await NewDatabaseAsync(), $"RabbitMq:Uri={TestRabbitMq.Uri}");
        var api = new ReverseApi(host);
        var order = Orders.RetailSelf().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 19.99m);
        await api.RegisterAsync(order);
        var sale = await api.ApplyForAsync(order.OrderId, "ReturnRefund", [new { skuId = "A", quantity = 1 }]);
        await api.ActAsync(sale.AfterSaleId, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
        return (api, await api.AwaitStatusAsync(sale.AfterSaleId, AfterSaleStatus.PendingReturn), host);
    }

    // The queue is consumed in order: once a message sent last is dead-lettered, every message before it was handled.
    private static async Task AllHandledAsync(InboundSender inbound, string afterSaleId)
    {
        var marker = await inbound.SendAsync("reversepaas.test.end-marker", afterSaleId, new { });
        (await inbound.DeadReasonAsync(marker)).Should().Contain("unknown type");
    }

    private static object Pickup(string status) => new { trackingNo = "JD0001", courierName = "Wang", courierPhone = "13800001234", status };
}
