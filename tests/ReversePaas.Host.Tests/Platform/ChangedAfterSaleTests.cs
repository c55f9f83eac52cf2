using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ReversePaas.Host.Outbox;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Persistence.Outbox;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Tests.Platform;

/// <summary>
/// The consumers of one <c>after-sale.changed</c> message share one read of the after-sale; the next message, or a
/// consumer that changed it, reads again.
/// </summary>
public sealed class ChangedAfterSaleTests
{
    [Fact]
    public async Task One_message_reads_the_after_sale_once_and_the_next_message_reads_its_newer_state()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, settings: ["Outbox:Paused=true"]);
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 10m);
        await api.RegisterAsync(order);
        var id = (await api.ApplyForAsync(order.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }])).AfterSaleId;

        using var scope = host.Services.CreateScope();
        var changed = scope.ServiceProvider.GetRequiredService<ChangedAfterSale>();
        var applied = await AfterSaleChangeMessages.OfAsync(host, id);
        applied.Should().ContainSingle();
        var first = await changed.GetAsync(applied[0], default);
        first!.Status.Should().Be(AfterSaleStatus.PendingReview);
        first.Lines.Should().ContainSingle().Which.Quantity.Should().Be(1);

        var (status, _, _) = await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{id}/review", RunningHost.CustomerServiceKey, new { decision = "Reject" });
        status.Should().Be(HttpStatusCode.OK);

        (await changed.GetAsync(applied[0], default)).Should().BeSameAs(first, "the consumers of one message share the read made for it");
        var reviewed = (await AfterSaleChangeMessages.OfAsync(host, id)).Single(m => m.Id != applied[0].Id);
        var second = await changed.GetAsync(reviewed, default);
        (second!.Status, second.Version).Should().Be((AfterSaleStatus.Rejected, first.Version + 1));

        changed.Forget(id);
        var again = await changed.GetAsync(reviewed, default);
        again.Should().NotBeSameAs(second, "a consumer that changed the after-sale makes the next one read again");
        again!.Status.Should().Be(AfterSaleStatus.Rejected);
    }

    [Fact]
    public async Task A_prepared_batch_is_read_once_and_a_forgotten_or_unprepared_after_sale_is_read_again()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, settings: ["Outbox:Paused=true"]);
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 1, 10m).Line(2, "B", 1, 20m);
        await api.RegisterAsync(order);
        var first = (await api.ApplyForAsync(order.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }])).AfterSaleId;
        var second = (await api.ApplyForAsync(order.OrderId, "RefundOnly", [new { skuId = "B", quantity = 1 }])).AfterSaleId;
        var firstApplied = (await AfterSaleChangeMessages.OfAsync(host, first)).Single();
        var secondApplied = (await AfterSaleChangeMessages.OfAsync(host, second)).Single();
        var missing = new OutboxMessage(OutboxTopics.AfterSaleChanged, "AS-never-made", order.OrderId, DateTimeOffset.UtcNow);

        using var scope = host.Services.CreateScope();
        var changed = scope.ServiceProvider.GetRequiredService<ChangedAfterSale>();
        await changed.PrefetchAsync([firstApplied, secondApplied, missing], default);
        var (status, _, _) = await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{first}/review", RunningHost.CustomerServiceKey, new { decision = "Reject" });
        status.Should().Be(HttpStatusCode.OK);

        (await changed.GetAsync(firstApplied, default))!.Status.Should().Be(AfterSaleStatus.PendingReview, "the batch was read before the rejection: its newer message brings that");
        (await changed.GetAsync(secondApplied, default))!.Lines.Should().ContainSingle().Which.LineNo.Should().Be(2);
        (await changed.GetAsync(missing, default)).Should().BeNull();
        var rejected = (await AfterSaleChangeMessages.OfAsync(host, first)).Single(m => m.Id != firstApplied.Id);
        (await changed.GetAsync(rejected, default))!.Status.Should().Be(AfterSaleStatus.Rejected, "a message outside the prepared batch is read on its own");

        changed.Forget(first);
        (await changed.GetAsync(firstApplied, default))!.Status.Should().Be(AfterSaleStatus.Rejected, "a forgotten after-sale is read again");
        (await changed.GetAsync(secondApplied, default))!.Status.Should().Be(AfterSaleStatus.PendingReview, "forgetting one leaves the others of the batch");
    }
}
