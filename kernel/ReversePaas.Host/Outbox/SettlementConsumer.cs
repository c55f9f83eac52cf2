using Microsoft.EntityFrameworkCore;
using ReversePaas.Kernel.Activities;
using ReversePaas.Persistence;
using ReversePaas.Persistence.Outbox;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Host.Outbox;

/// <summary>
/// Sends reverse money data to settlement for every refund paid out. The settlement port is idempotent by after-sale,
/// so a redelivered message records nothing twice; a refusal or an outage is retried until settlement has it.
/// </summary>
internal sealed class SettlementConsumer(ReverseDbContext db, ExternalSystems systems) : IOutboxConsumer
{
    public string Name => "settlement";

    public int Order => 20;

    public bool Accepts(string topic) => topic == OutboxTopics.RefundCompleted;

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var refund = await db.Refunds.AsNoTracking().SingleAsync(r => r.AfterSaleId == message.Key, cancellationToken);
        var order = await db.Orders.AsNoTracking().SingleAsync(o => o.OrderId == refund.OrderId, cancellationToken);
        var result = await systems.Settlement.RecordReverseMoneyAsync(
            new ReverseMoneyRecord
            {
                AfterSaleId = refund.AfterSaleId,
                OrderId = refund.OrderId,
                VenderId = order.VenderId,
                Amount = refund.Amount,
                Currency = order.Currency,
                PaymentReference = refund.Reference,
            },
            cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Settlement refused reverse money data of after-sale '{refund.AfterSaleId}': {result.FailureReason}");
        }
    }
}
