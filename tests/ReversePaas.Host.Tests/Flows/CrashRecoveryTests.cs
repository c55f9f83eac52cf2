using Microsoft.EntityFrameworkCore;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Tests.Flows;

/// <summary>
/// A host process SIGKILLed after changes committed and before their messages were delivered (its outbox is paused,
/// so the window is certain rather than hoped for): the next host delivers them, and the refund, the warehouse's
/// return notice and the search documents each happen exactly once.
/// </summary>
public abstract class CrashRecoveryTests
{
    protected abstract Task<string> NewDatabaseAsync();

    [Fact]
    public async Task Work_committed_by_a_killed_host_is_done_exactly_once_by_the_next()
    {
        var database = await NewDatabaseAsync();
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 12.34m).Line(2, "B", 1, 56.78m);
        string refundId, returnId;
        await using (var doomed = await HostProcess.StartAsync(database, new Dictionary<string, string> { ["Outbox:Paused"] = "true" }))
        {
            var api = new ReverseApi(doomed.Client);
            await api.RegisterAsync(order);
            refundId = (await api.ApplyForAsync(order.OrderId, "RefundOnly", [new { skuId = "A", quantity = 2 }])).AfterSaleId;
            returnId = (await api.ApplyForAsync(order.OrderId, "ReturnRefund", [new { skuId = "B", quantity = 1 }])).AfterSaleId;
            await api.ActAsync(refundId, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
            await api.ActAsync(returnId, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });

            // Committed: the statuses are there, their messages wait, and no system has heard of them.
            (await api.SaleAsync(refundId)).Status.Should().Be(AfterSaleStatus.PendingRefund);
            (await api.SaleAsync(returnId)).Status.Should().Be(AfterSaleStatus.PendingReturn);
            (await PendingMessagesAsync(database)).Should().BeGreaterThan(0);
            (await api.SimulatedCallsAsync(order.OrderId, "payment")).Should().BeEmpty();
            (await api.SimulatedCallsAsync(order.OrderId, "warehouse")).Should().BeEmpty();
            (await SearchDocumentsAsync(database, order.OrderId)).Should().BeEmpty();

            await doomed.KillAsync();
            doomed.ExitCode.Should().Be(HostProcess.SigKillExitCode);
        }

        await using var next = await HostProcess.StartAsync(database);
        var nextApi = new ReverseApi(next.Client);
        var refunded = await nextApi.AwaitStatusAsync(refundId, AfterSaleStatus.Completed);
        await ReverseApi.WaitUntilAsync(async () => await PendingMessagesAsync(database) == 0, "every message delivered");

        refunded.RefundAmount.Should().Be(24.68m);
        (await nextApi.OrderAsync(order.OrderId)).Ledger.Refunded.Should().Be(24.68m);
        var payments = await nextApi.SimulatedCallsAsync(order.OrderId, "payment");
        // Paid exactly once. On a starved machine a refund call can outlive the call budget (Extensions:CallTimeout): the
        // step is then retried with the same refund id, which the payment system answers as a replay (seen in CI).
        payments.Should().ContainSingle(p => p.Outcome == "succeeded");
        payments.Should().OnlyContain(p => p.Outcome == "succeeded" || p.Outcome == "replayed");
        var warehouse = await nextApi.SimulatedCallsAsync(order.OrderId, "warehouse");
        warehouse.Should().ContainSingle(c => c.Key == returnId).Which.Outcome.Should().Be("succeeded");
        (await nextApi.SaleAsync(returnId)).Timeline
            .Count(t => t.Note.StartsWith("Return announced", StringComparison.Ordinal)).Should().Be(1);
        var documents = await SearchDocumentsAsync(database, order.OrderId);
        documents.Should().BeEquivalentTo([(refundId, "Completed"), (returnId, "PendingReturn")]);
    }

    private static async Task<int> PendingMessagesAsync(string database)
    {
        await using var db = ReverseDbContexts.Open(database);
        return await db.OutboxMessages.CountAsync(m => m.DispatchedAt == null);
    }

    private static async Task<List<(string AfterSaleId, string Status)>> SearchDocumentsAsync(string database, string orderId)
    {
        await using var db = ReverseDbContexts.Open(database);
        return [.. (await db.SearchDocuments.AsNoTracking().Where(d => d.OrderId == orderId).ToListAsync()).Select(d => (d.AfterSaleId, d.Status))];
    }
}
