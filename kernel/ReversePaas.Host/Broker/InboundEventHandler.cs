using System.Net.Mime;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using FluentValidation;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using ReversePaas.Host.Contracts;
using ReversePaas.Kernel.Activities;
using ReversePaas.Kernel.AfterSales;
using ReversePaas.Kernel.Domain;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Extensions.Budget;
using ReversePaas.Persistence;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Host.Broker;

/// <summary>
/// Applies one inbound CloudEvent (API.md "Events on a message broker", In), once per event id: the id is recorded in
/// the transaction of the event's effect (<see cref="IReverseStore.RecordMessageApplied"/>), so a redelivery finds it.
/// Says what cannot be applied and why (malformed JSON, not a CloudEvent, unknown type, invalid data, unknown after-sale,
/// illegal transition) and what may succeed later (a busy order, a system or the database away). One per message.
/// </summary>
internal sealed class InboundEventHandler(
    IReverseStore store, ExecutionActivity execution, IValidator<WarehouseReceiptRequest> receiptRules, IOptions<JsonOptions> json, TimeProvider time)
{
    /// <summary>The actor inbound events act as (role System, like the REST calls they stand for).</summary>
    public static readonly Actor Broker = new(ActorRole.System, "broker");

    private static readonly JsonEventFormatter Formatter = new();
    private static readonly ContentType CloudEventsJson = new(BrokerTopology.CloudEventsJson);

    /// <summary>Parses <paramref name="body"/> as a structured-mode CloudEvent; null and why not when it is not one.</summary>
    public static (CloudEvent? Event, string? Fault) Parse(ReadOnlyMemory<byte> body)
    {
        // One parse: the formatter reads the body with System.Text.Json, whose JsonException means the bytes are not JSON
        // at all; everything else it throws means JSON that is not a structured-mode CloudEvent.
        try
        {
            var cloudEvent = Formatter.DecodeStructuredModeMessage(body, CloudEventsJson, extensionAttributes: null);
            return cloudEvent.Id is { Length: > 0 } ? (cloudEvent, null) : (null, "not a CloudEvent: 'id' is missing");
        }
        catch (JsonException ex)
        {
            return (null, $"malformed JSON: {ex.Message}");
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException)
        {
            return (null, $"not a CloudEvent: {ex.Message}");
        }
    }

    public async Task<InboundOutcome> ApplyAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        var id = cloudEvent.Id!;
        if (await store.MessageAppliedAsync(id, cancellationToken))
        {
            return InboundOutcome.Duplicate;
        }

        if (cloudEvent.Type is not (BrokerTopology.PickupUpdated or BrokerTopology.WarehouseReceived))
        {
            return InboundOutcome.Dead($"unknown type '{cloudEvent.Type}': this host applies {BrokerTopology.PickupUpdated} and {BrokerTopology.WarehouseReceived}");
        }

        if (cloudEvent.Subject is not { Length: > 0 } afterSaleId)
        {
            return InboundOutcome.Dead("invalid event: 'subject' (the after-sale id) is missing");
        }

        if (cloudEvent.Data is not JsonElement { ValueKind: JsonValueKind.Object } data)
        {
            return InboundOutcome.Dead("invalid data: 'data' must be a JSON object");
        }

        try
        {
            return cloudEvent.Type == BrokerTopology.PickupUpdated
                ? await ApplyPickupAsync(id, afterSaleId, data, cloudEvent.Time ?? time.GetUtcNow(), cancellationToken)
                : await ApplyReceiptAsync(id, afterSaleId, data, cancellationToken);
        }
        catch (Exception ex) when (ex is DuplicateException || Permanent(ex) is not null)
        {
            // A twin delivery (another host, or a redelivery racing this one) applied first: this one collided on the id
            // or found the after-sale moved on. Otherwise the fault is the message's.
            store.Reset();
            return await store.MessageAppliedAsync(id, cancellationToken) ? InboundOutcome.Duplicate
                : InboundOutcome.Dead(Permanent(ex) ?? $"duplicate: {ex.Message}");
        }
        catch (Exception ex) when (Transient(ex))
        {
            return InboundOutcome.Retry(ex.Message);
        }
    }

    private async Task<InboundOutcome> ApplyPickupAsync(string id, string afterSaleId, JsonElement data, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var update = data.Deserialize<PickupUpdatedData>(json.Value.SerializerOptions);
        var missing = new[] { ("trackingNo", update?.TrackingNo), ("courierName", update?.CourierName), ("courierPhone", update?.CourierPhone), ("status", update?.Status) }
            .Where(f => string.IsNullOrWhiteSpace(f.Item2)).Select(f => f.Item1).ToList();
        if (missing.Count > 0)
        {
            return InboundOutcome.Dead($"invalid data: {string.Join(", ", missing)} required");
        }

        if (!Enum.TryParse<PickupState>(update!.Status, ignoreCase: false, out var state) || !Enum.IsDefined(state) || int.TryParse(update.Status, out _))
        {
            return InboundOutcome.Dead($"invalid data: status '{update.Status}' is not one of {string.Join("|", Enum.GetNames<PickupState>())}");
        }

        store.RecordMessageApplied(id, BrokerTopology.PickupUpdated, time.GetUtcNow());
        await execution.RecordPickupUpdateAsync(afterSaleId, new PickupProgress(update.TrackingNo!, update.CourierName!, update.CourierPhone!, state, at), Broker, cancellationToken);
        return InboundOutcome.Applied;
    }

    private async Task<InboundOutcome> ApplyReceiptAsync(string id, string afterSaleId, JsonElement data, CancellationToken cancellationToken)
    {
        WarehouseReceiptRequest? receipt;
        try
        {
            receipt = data.Deserialize<WarehouseReceiptRequest>(json.Value.SerializerOptions);
        }
        catch (JsonException ex)
        {
            return InboundOutcome.Dead($"invalid data: {ex.Message}");
        }

        var checkedReceipt = receiptRules.Validate(receipt ?? new WarehouseReceiptRequest());
        if (!checkedReceipt.IsValid)
        {
            return InboundOutcome.Dead("invalid data: " + string.Join("; ", checkedReceipt.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}")));
        }

        store.RecordMessageApplied(id, BrokerTopology.WarehouseReceived, time.GetUtcNow());
        await execution.ReceiveGoodsAsync(afterSaleId, receipt!.ToReturnLines(), Broker, cancellationToken);
        return InboundOutcome.Applied;
    }

    // What will fail the same way however often it is tried: the REST call would have answered 4xx.
    private static string? Permanent(Exception ex) => ex switch
    {
        NotFoundException missing => $"unknown after-sale: {missing.Message}",
        DomainRuleException rule => $"{rule.Reason}: {rule.Message}",
        DomainValidationException invalid => $"invalid data: {invalid.Message}",
        ForbiddenActionException forbidden => $"forbidden: {forbidden.Message}",
        _ => null,
    };

    // What may pass later: REST would have answered 503 (or a plugin failed, which a fix or a rollback may cure).
    private static bool Transient(Exception ex)
        => ex is TransientConflictException or PortUnavailableException or ExtensionTimeoutException or ExtensionUnavailableException or ExtensionFailedException
            || DatabaseFailures.AsRetryable(ex) is not null;
}
