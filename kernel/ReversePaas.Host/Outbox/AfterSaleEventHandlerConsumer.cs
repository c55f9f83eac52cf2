using ReversePaas.Kernel.AfterSales;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Extensions.Budget;
using ReversePaas.Persistence.Handlers;
using ReversePaas.Persistence.Outbox;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Execution;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Outbox;

/// <summary>
/// Tells the business lines' event handlers (<c>execution.after-sale-event</c>, <see cref="IAfterSaleEventHandler"/>)
/// of every status change of their identities' after-sales: each timeline entry past the handler's own delivery record
/// (<see cref="HandlerDeliveryStore"/>), in order, each call under the call budget, the record advanced after each.
/// A handler that fails, times out or has its breaker open does not hold up the others, nor this message's later
/// consumers (execution): the failure writes an <see cref="OutboxTopics.AfterSaleHandlersRetry"/> message, which only
/// this consumer takes and which the outbox retries with its back-off until every handler has had every change.
/// </summary>
internal sealed partial class AfterSaleEventHandlerConsumer(
    ChangedAfterSale changed, ExtensionRuntime runtime, HandlerDeliveryStore deliveries, ExtensionCallBudget budget, ILogger<AfterSaleEventHandlerConsumer> logger) : IOutboxConsumer
{
    public string Name => "event-handlers";

    // After the read model, settlement and deadlines; before execution, which must stay last (it defers).
    public int Order => 50;

    public bool Accepts(string topic) => topic is OutboxTopics.AfterSaleChanged or OutboxTopics.AfterSaleHandlersRetry;

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var sale = await changed.GetAsync(message, cancellationToken);
        if (sale is null)
        {
            return;
        }

        using var lease = runtime.Lease();
        var snapshot = runtime.Current;
        var identity = BusinessIdentity.Parse(sale.BusinessIdentity);
        var handlers = snapshot.Chain<IAfterSaleEventHandler>(identity);
        if (handlers.Count == 0)
        {
            return;
        }

        var settings = snapshot.For(identity).Settings;
        Exception? failure = null;
        for (var index = 0; index < handlers.Count; index++)
        {
            try
            {
                await DeliverAsync(handlers, index, sale, identity, settings, cancellationToken);
            }
            catch (Exception ex) when (ex is ExtensionFailedException or ExtensionTimeoutException or ExtensionUnavailableException)
            {
                LogHandlerFailed(logger, handlers.Extensions[index].Id, sale.AfterSaleId, ex.Message);
                failure ??= ex;
            }
        }

        if (failure is null)
        {
            return;
        }

        if (message.Topic == OutboxTopics.AfterSaleHandlersRetry)
        {
            // The retry message is this consumer's alone: failing it holds up nothing else and uses the outbox's back-off.
            throw new InvalidOperationException($"An event handler of {sale.AfterSaleId} failed again: {failure.Message}", failure);
        }

        await deliveries.ScheduleRetryAsync(sale.AfterSaleId, sale.OrderId, cancellationToken);
    }

    private async Task DeliverAsync(ResolvedChain<IAfterSaleEventHandler> handlers, int index, AfterSale sale, BusinessIdentity identity, IdentitySettings settings, CancellationToken cancellationToken)
    {
        var extensionId = handlers.Extensions[index].Id;
        var record = await deliveries.FindAsync(extensionId, sale.AfterSaleId, cancellationToken);
        var through = record?.DeliveredThrough ?? 0;
        var timeline = sale.Timeline;
        for (var i = 0; i < timeline.Count; i++)
        {
            var entry = timeline[i];
            var previous = i == 0 ? null : timeline[i - 1].Status;
            if (entry.Sequence <= through || entry.Status == previous)
            {
                continue; // handled already, or a note without a change of status
            }

            var change = new AfterSaleStatusChange
            {
                EventId = $"{sale.AfterSaleId}/{entry.Sequence}",
                Identity = identity,
                Settings = settings,
                AfterSaleId = sale.AfterSaleId,
                OrderId = sale.OrderId,
                Type = sale.Type,
                Sequence = entry.Sequence,
                Status = Enum.Parse<AfterSaleStatus>(entry.Status),
                PreviousStatus = previous is null ? null : Enum.Parse<AfterSaleStatus>(previous),
                At = entry.At,
                Actor = entry.Actor,
                Note = entry.Note,
                RefundAmount = sale.RefundAmount,
                Fields = sale.PluginFields,
            };
            // In a scope of its own: a handler that blocks its thread is left behind at the budget, as in a request.
            using (var scope = ExtensionCallScope.Open(budget))
            {
                await scope.RunAsync(() => handlers.InvokeAsync(index, change, static async (handler, c, token) =>
                {
                    await handler.HandleAsync(c, token);
                    return true;
                }, cancellationToken));
            }

            record = await deliveries.AdvanceAsync(record, extensionId, sale.AfterSaleId, entry.Sequence, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event handler {Extension} failed on after-sale {AfterSaleId}; it is tried again later: {Error}")]
    private static partial void LogHandlerFailed(ILogger logger, string extension, string afterSaleId, string error);
}
