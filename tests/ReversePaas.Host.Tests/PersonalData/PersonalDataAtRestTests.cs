using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Tests.Broker;
using ReversePaas.Host.Tests.BusinessLines;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Kernel.Activities;
using ReversePaas.Persistence.Archive;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Tests.PersonalData;

/// <summary>
/// "The plain phone, name and address appear nowhere in the database" (API.md v1.1), checked the hard way: a return
/// with a distinctive pickup address goes through review, the courier's pickup (the logistics simulator's journal),
/// the warehouse receipt and the refund, with every outbox message delivered and the after-sale's events published to
/// RabbitMQ (whose <c>pickupAddress</c> is masked, exactly); then the database's own bytes are searched for the
/// address: the SQLite file and its WAL, or every text, JSON and binary column of every table of the PostgreSQL database.
/// Before the search the finished return is moved to the archive (issue 20): the archive file (SQLite) or schema
/// (PostgreSQL) is searched too.
/// </summary>
public abstract class PersonalDataAtRestTests
{
    protected abstract Task<string> NewDatabaseAsync();

    /// <summary>The needles found anywhere in the database (empty: none).</summary>
    protected abstract Task<IReadOnlyList<string>> FindInDatabaseAsync(string connectionString, IReadOnlyList<string> needles);

    [Fact]
    public async Task After_a_whole_return_with_a_pickup_the_plain_address_is_nowhere_in_the_database_and_the_event_carries_it_masked()
    {
        var database = await NewDatabaseAsync();
        await using var tap = await EventTap.OpenAsync();
        await using (var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, database,
            $"RabbitMq:Uri={TestRabbitMq.Uri}", "Activities:PickupLead=01:00:00"))
        {
            var api = new ReverseApi(host);
            var order = Orders.DaojiaFresh().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 23.45m);
            await api.RegisterAsync(order);
            var sale = (await api.OkAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, new
            {
                orderId = order.OrderId,
                type = "ReturnRefund",
                reason = "damaged",
                lines = new[] { new { skuId = "A", quantity = 1 } },
                evidence = new[] { "https://img.example/box.jpg" },
                // Due at once: the pickup is dispatched an hour (PickupLead) before the time asked for.
                pickupAt = DateTimeOffset.UtcNow.AddMinutes(5).ToString("O"),
                pickupAddress = PickupAddresses.Body(),
            }, HttpStatusCode.Created)).As<AfterSaleResponse>();
            var id = sale.AfterSaleId;
            sale.PickupAddress.Should().Be(PickupAddresses.Plain);

            await api.ActAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
            await ReverseApi.WaitUntilAsync(async () => (await api.SaleAsync(id)).ShipmentId is not null, "the courier's pickup booked", TimeSpan.FromSeconds(30));
            (await api.SimulatorCallsAsync(order.OrderId, "logistics")).Should().NotBeEmpty("the pickup went through the logistics port's journal");
            await api.ActAsync(id, "warehouse-receipt", RunningHost.SystemKey, new { lines = new[] { new { lineNo = 1, quantity = 1 } } });
            var done = await api.AwaitStatusAsync(id, AfterSaleStatus.Completed, AfterSaleStatus.RefundFailed);
            done.Status.Should().Be(AfterSaleStatus.Completed);
            done.RefundAmount.Should().Be(23.45m);
            done.PickupAddress.Should().Be(PickupAddresses.Plain);

            await ReverseApi.WaitUntilAsync(
                async () => (await AfterSaleChangeMessages.OfAsync(host, id)).All(m => m.DispatchedAt is not null)
                    && tap.About(id).Any(e => e.Status == nameof(AfterSaleStatus.Completed)),
                "every outbox message delivered and the Completed event published", TimeSpan.FromSeconds(30));
            var events = tap.About(id).Where(e => e.Type == "reversepaas.after-sale.status-changed").ToList();
            events.Should().NotBeEmpty();
            foreach (var published in events)
            {
                published.Event["data"]!["pickupAddress"].Should().NotBeNull();
                published.Event["data"]!["pickupAddress"]!.As<PickupAddressResponse>().Should().Be(PickupAddresses.Masked, "events carry the masked form");
                var json = published.Event.ToJsonString();
                PickupAddresses.Needles.Where(n => json.Contains(n, StringComparison.Ordinal)).Should().BeEmpty("no event holds the plain address");
            }

            // Half a year on, the finished return moves to the archive (issue 20): the address goes with it as the same
            // ciphertext, and reads back in full for its customer. Its last outbox messages may still be on their way, and
            // the mover waits for those: polled with a bound.
            var mover = new ArchiveMover(host.Services.GetRequiredService<ReversePaas.Persistence.Sharding.ShardScopes>(), new ArchiveOptions(), host.Services.GetRequiredService<ActivityOptions>(),
                new ManualClock(DateTimeOffset.UtcNow + TimeSpan.FromDays(181)), NullLogger<ArchiveMover>.Instance);
            await ReverseApi.WaitUntilAsync(async () => await mover.MoveOnceAsync(default) == 1, "the finished return archived", TimeSpan.FromSeconds(30));
            var archived = await api.SaleAsync(id, RunningHost.UserKey);
            archived.Archived.Should().BeTrue();
            archived.PickupAddress.Should().Be(PickupAddresses.Plain);

            (await FindInDatabaseAsync(database, PickupAddresses.Needles)).Should().BeEmpty("nothing in the database or its archive holds the plain address while the host runs");
        }

        (await FindInDatabaseAsync(database, PickupAddresses.Needles)).Should().BeEmpty("nor once the host stopped (SQLite: the WAL checkpointed into the file)");
    }
}
