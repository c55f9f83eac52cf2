using Microsoft.AspNetCore.Http.HttpResults;
using ReversePaas.Host.Ports.Http;
using ReversePaas.Host.Simulators;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Simulators.Server;

/// <summary>
/// The routes of docs/adapters.md. Each answers 200 <c>{reference}</c> when done, 422 (problem) when refused, 503
/// (problem) when the system is set to be unavailable, 400 (problem) for a body or Idempotency-Key it cannot use.
/// </summary>
internal static class SimulatorRoutes
{
    public static void MapSimulatorRoutes(this IEndpointRouteBuilder app)
    {
        app.MapPost("/payment/refunds", (RefundWireRequest body, HttpContext http, PaymentSimulator payment, IConfiguration configuration, CancellationToken ct) =>
            Enum.TryParse<PaymentRoute>(body.Route, ignoreCase: true, out var route) && body.Amount > 0 && Present(body.RefundId, body.OrderId, body.Currency)
                ? MoneyAsync(http, body.RefundId, configuration, "Payment", () => payment.RefundAsync(
                    new PaymentRefundRequest { RefundId = body.RefundId, OrderId = body.OrderId, Amount = body.Amount, Currency = body.Currency, Route = route }, ct), ct)
                : Task.FromResult(BadRequest("refundId, orderId, currency, a positive amount and a route (OriginalMethod, CorporateAccount) are required.")));
        app.MapPost("/settlement/reverse-money", (ReverseMoneyWireRequest body, HttpContext http, SettlementSimulator settlement, IConfiguration configuration, CancellationToken ct) =>
            Present(body.AfterSaleId, body.OrderId, body.VenderId, body.Currency, body.PaymentReference)
                ? MoneyAsync(http, body.AfterSaleId, configuration, "Settlement", () => settlement.RecordReverseMoneyAsync(new ReverseMoneyRecord
                {
                    AfterSaleId = body.AfterSaleId,
                    OrderId = body.OrderId,
                    VenderId = body.VenderId,
                    Amount = body.Amount,
                    Currency = body.Currency,
                    PaymentReference = body.PaymentReference,
                }, ct), ct)
                : Task.FromResult(BadRequest("afterSaleId, orderId, venderId, currency and paymentReference are required.")));
        app.MapPost("/warehouse/orders/{orderId}/stop-push", (string orderId, WarehouseSimulator warehouse, IConfiguration configuration, CancellationToken ct) =>
            AnswerAsync(configuration, "Warehouse", () => warehouse.StopPushAsync(orderId, ct), ct));
        app.MapPost("/warehouse/orders/{orderId}/intercept", (string orderId, WarehouseSimulator warehouse, IConfiguration configuration, CancellationToken ct) =>
            AnswerAsync(configuration, "Warehouse", () => warehouse.InterceptAsync(orderId, ct), ct));
        app.MapPost("/warehouse/returns", (GoodsWireRequest body, WarehouseSimulator warehouse, IConfiguration configuration, CancellationToken ct) =>
            Goods(body) ?? AnswerAsync(configuration, "Warehouse", () => warehouse.ExpectReturnAsync(body.AfterSaleId, body.OrderId, body.Lines, ct), ct));
        app.MapPost("/warehouse/outbounds", (GoodsWireRequest body, WarehouseSimulator warehouse, IConfiguration configuration, CancellationToken ct) =>
            Goods(body) ?? AnswerAsync(configuration, "Warehouse", () => warehouse.ShipOutboundAsync(body.AfterSaleId, body.OrderId, body.Lines, ct), ct));
        app.MapPost("/inventory/restocks", (GoodsWireRequest body, InventorySimulator inventory, IConfiguration configuration, CancellationToken ct) =>
            Goods(body) ?? AnswerAsync(configuration, "Inventory", () => inventory.RestockAsync(body.AfterSaleId, body.OrderId, body.Lines, ct), ct));
        app.MapPost("/inventory/reservations", (GoodsWireRequest body, InventorySimulator inventory, IConfiguration configuration, CancellationToken ct) =>
            Goods(body) ?? AnswerAsync(configuration, "Inventory", () => inventory.ReserveAsync(body.AfterSaleId, body.OrderId, body.Lines, ct), ct));
        app.MapPost("/inventory/releases", (GoodsWireRequest body, InventorySimulator inventory, IConfiguration configuration, CancellationToken ct) =>
            Goods(body) ?? AnswerAsync(configuration, "Inventory", () => inventory.ReleaseAsync(body.AfterSaleId, body.OrderId, body.Lines, ct), ct));
        app.MapPost("/logistics/pickups", (PickupWireRequest body, LogisticsSimulator logistics, IConfiguration configuration, CancellationToken ct) =>
            Present(body.ShipmentKey, body.OrderId) && body.AfterSaleIds is { Count: > 0 }
                ? AnswerAsync(configuration, "Logistics", () => logistics.SchedulePickupAsync(new PickupRequest
                {
                    ShipmentKey = body.ShipmentKey,
                    OrderId = body.OrderId,
                    AfterSaleIds = body.AfterSaleIds,
                    PickupAt = body.PickupAt,
                }, ct), ct)
                : Task.FromResult(BadRequest("shipmentKey, orderId and at least one afterSaleId are required.")));
        app.MapGet("/calls", async (string? system, string? orderId, SimulatorJournal journal, CancellationToken ct) =>
            TypedResults.Ok(await journal.CallsAsync(system, orderId, ct)));
    }

    // Money moves at most once per key: the caller must say which key it means, and it must be the body's.
    private static Task<Results<Ok<PortWireAnswer>, ProblemHttpResult>> MoneyAsync(HttpContext http, string key, IConfiguration configuration, string system, Func<Task<PortResult>> call, CancellationToken ct)
        => http.Request.Headers[HttpPortClient.IdempotencyKeyHeader].ToString() == key
            ? AnswerAsync(configuration, system, call, ct)
            : Task.FromResult(BadRequest($"The {HttpPortClient.IdempotencyKeyHeader} header is required on money-moving calls and must equal the body's key ('{key}')."));

    private static async Task<Results<Ok<PortWireAnswer>, ProblemHttpResult>> AnswerAsync(IConfiguration configuration, string system, Func<Task<PortResult>> call, CancellationToken ct)
    {
        // A slow system: the pause comes before the work, so a caller that gives up in time leaves nothing done.
        if (configuration.GetValue<TimeSpan?>($"Simulators:{system}:Delay") is { } delay && delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, ct);
        }

        try
        {
            var result = await call();
            return result.Succeeded
                ? TypedResults.Ok(new PortWireAnswer(result.Reference))
                : TypedResults.Problem(result.FailureReason, statusCode: StatusCodes.Status422UnprocessableEntity, title: $"The {system.ToLowerInvariant()} system refused.");
        }
        catch (PortUnavailableException down)
        {
            return TypedResults.Problem(down.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: $"The {system.ToLowerInvariant()} system is unavailable.");
        }
    }

    private static Task<Results<Ok<PortWireAnswer>, ProblemHttpResult>>? Goods(GoodsWireRequest body)
        => Present(body.AfterSaleId, body.OrderId) && body.Lines is { Count: > 0 } && body.Lines.All(l => l.Quantity > 0 && !string.IsNullOrWhiteSpace(l.SkuId))
            ? null
            : Task.FromResult(BadRequest("afterSaleId, orderId and at least one line (lineNo, skuId, a positive quantity) are required."));

    private static bool Present(params string?[] values) => values.All(v => !string.IsNullOrWhiteSpace(v));

    private static Results<Ok<PortWireAnswer>, ProblemHttpResult> BadRequest(string detail)
        => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "The request cannot be used.");
}
