using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ReversePaas.Host.Jobs;
using ReversePaas.Host.Outbox;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Persistence.Outbox;

namespace ReversePaas.Host.Tests.Platform;

/// <summary>
/// The deadline consumer reads what the job store holds for a whole batch at once, and keeps that in step with what it
/// schedules and removes during the pass: a deadline it set earlier in the pass is removed when a later change of the
/// same after-sale no longer has it.
/// </summary>
public sealed class DeadlineScheduleConsumerTests
{
    [Fact]
    public async Task A_deadline_set_earlier_in_a_pass_is_removed_when_a_later_change_no_longer_has_it()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, settings: ["Outbox:Paused=true"]);
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 1, 10m);
        await api.RegisterAsync(order);
        var id = (await api.ApplyForAsync(order.OrderId, "ReturnRefund", [new { skuId = "A", quantity = 1 }])).AfterSaleId;
        await api.ActAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
        var approved = await AfterSaleChangeMessages.OfAsync(host, id);
        approved.Should().HaveCount(2, "applied, then approved");

        using var scope = host.Services.CreateScope();
        var consumer = scope.ServiceProvider.GetServices<IOutboxConsumer>().OfType<DeadlineScheduleConsumer>().Single();
        var changed = scope.ServiceProvider.GetRequiredService<ChangedAfterSale>();
        await consumer.PrepareAsync(approved, default);
        (await api.DeadlineAsync("return-shipment-timeout", id)).Should().BeNull("nothing was scheduled before the pass");
        await consumer.HandleAsync(approved[1], default);
        (await api.DeadlineAsync("return-shipment-timeout", id)).Should().NotBeNull("an approved return waits for its goods");

        var (status, _, _) = await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{id}/return-shipment", RunningHost.UserKey, new { carrier = "SF", trackingNo = "SF100" });
        status.Should().Be(HttpStatusCode.OK);
        var shipped = (await AfterSaleChangeMessages.OfAsync(host, id)).Last();
        changed.Forget(id); // as the execution consumer does when a step changed the after-sale
        await consumer.HandleAsync(shipped, default);

        (await api.DeadlineAsync("return-shipment-timeout", id)).Should().BeNull(
            "the pass's record of held deadlines has the one it set, so the shipped return's change removes it");
    }
}
