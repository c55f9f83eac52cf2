using Microsoft.EntityFrameworkCore;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Outbox;
using ReversePaas.Host.PersonalData;
using ReversePaas.Persistence;
using ReversePaas.Persistence.Handlers;
using ReversePaas.Persistence.Outbox;

namespace ReversePaas.Host.Broker;

/// <summary>
/// Publishes the outbox's changes as the three event types of API.md to the broker (registered only when
/// <c>RabbitMq:Uri</c> is set).
/// <list type="bullet">
/// <item>After-sale status changes: every timeline entry that changed the status, past the broker's own delivery record
/// for the after-sale (a <see cref="HandlerDeliveryStore"/> record under <see cref="DeliveryRecordId"/>), in order, the
/// record advanced after each confirmed publish; the id is <c>afterSaleId/sequence</c>, so a publish repeated after a
/// crash carries the same id.</item>
/// <item>Refunds: once per refund, id <c>afterSaleId/refund</c>.</item>
/// <item>Orders: the order's status as it is when published, id <c>orderId/status</c> (an order passes each status once);
/// a status the order left before the outbox got to it is not announced.</item>
/// </list>
/// When the broker is down, the publish fails and a retry message (<see cref="BrokerRetryTopics"/>) is written instead of
/// failing the change's own message, so execution, after this consumer, is not held up; the retry message fails with
/// the outbox's back-off until the broker is back. Nothing is lost: the delivery record says what is still to publish.
/// </summary>
internal sealed partial class BrokerEventConsumer(
    ChangedAfterSale changed, ReverseDbContext db, HandlerDeliveryStore deliveries, CloudEventMessages events, PickupAddressReader addresses, TimeProvider time,
    ILogger<BrokerEventConsumer> logger) : IOutboxConsumer
{
    /// <summary>The broker's delivery record id among the handlers' (an extension id cannot contain a colon).</summary>
    public const string DeliveryRecordId = "broker:" + BrokerTopology.EventsExchange;

    public string Name => "broker";

    // After the event handlers, before execution (which defers, holding back what comes after it).
    public int Order => 60;

    public bool Accepts(string topic) => topic is OutboxTopics.AfterSaleChanged or OutboxTopics.OrderChanged or OutboxTopics.RefundCompleted
        or BrokerRetryTopics.AfterSale or BrokerRetryTopics.Order or BrokerRetryTopics.Refund;

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var (retryTopic, publish) = message.Topic switch
        {
            OutboxTopics.AfterSaleChanged or BrokerRetryTopics.AfterSale => (BrokerRetryTopics.AfterSale, (Func<OutboxMessage, CancellationToken, Task>)PublishAfterSaleAsync),
            OutboxTopics.OrderChanged or BrokerRetryTopics.Order => (BrokerRetryTopics.Order, PublishOrderAsync),
            _ => (BrokerRetryTopics.Refund, PublishRefundAsync),
        };
        try
        {
            await publish(message, cancellationToken);
        }
        catch (BrokerUnavailableException ex) when (message.Topic != retryTopic)
        {
            // The change's own message goes on to its other consumers; the retry message is this consumer's alone.
            LogDeferred(logger, message.Topic, message.Key, ex.Message);
            db.OutboxMessages.Add(new OutboxMessage(retryTopic, message.Key, message.OrderId, time.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task PublishAfterSaleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var sale = await changed.GetAsync(message, cancellationToken);
        if (sale is null)
        {
            return;
        }

        var record = await deliveries.FindAsync(DeliveryRecordId, sale.AfterSaleId, cancellationToken);
        var through = record?.DeliveredThrough ?? 0;
        var timeline = sale.Timeline.OrderBy(t => t.Sequence).ToList();
        // As GET answers System, but with the pickup address masked: the broker's consumers are not the applicant.
        var response = sale.ToResponse(addresses.Masked(sale));
        for (var i = 0; i < timeline.Count; i++)
        {
            var entry = timeline[i];
            if (entry.Sequence <= through || (i > 0 && entry.Status == timeline[i - 1].Status))
            {
                continue; // published already, or a note without a change of status
            }

            await events.PublishAsync(BrokerTopology.AfterSaleStatusChanged, $"{sale.AfterSaleId}/{entry.Sequence}", sale.AfterSaleId, response, message.TraceParent, cancellationToken,
                status: entry.Status, sequence: entry.Sequence);
            record = await deliveries.AdvanceAsync(record, DeliveryRecordId, sale.AfterSaleId, entry.Sequence, cancellationToken);
        }
    }

    private async Task PublishRefundAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var refund = await db.Refunds.AsNoTracking().SingleOrDefaultAsync(r => r.AfterSaleId == message.Key, cancellationToken);
        if (refund is null)
        {
            return;
        }

        var currency = await db.Orders.AsNoTracking().Where(o => o.OrderId == refund.OrderId).Select(o => o.Currency).SingleAsync(cancellationToken);
        await events.PublishAsync(BrokerTopology.RefundCompleted, $"{refund.AfterSaleId}/refund", refund.AfterSaleId,
            new RefundCompletedData(refund.AfterSaleId, refund.OrderId, refund.Amount, currency), message.TraceParent, cancellationToken);
    }

    private async Task PublishOrderAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().Where(o => o.OrderId == message.Key).Select(o => new { o.OrderId, o.Status }).SingleOrDefaultAsync(cancellationToken);
        if (order is null)
        {
            return;
        }

        await events.PublishAsync(BrokerTopology.OrderStatusChanged, $"{order.OrderId}/{order.Status}", order.OrderId,
            new OrderStatusChangedData(order.OrderId, order.Status), message.TraceParent, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Events of {Topic} {Key} not published ({Error}); retried when the broker is back")]
    private static partial void LogDeferred(ILogger logger, string topic, string key, string error);
}
