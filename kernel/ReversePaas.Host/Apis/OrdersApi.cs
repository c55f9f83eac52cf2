using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ReversePaas.Host.Auth;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.PersonalData;
using ReversePaas.Host.Validation;
using ReversePaas.Kernel.Activities;

namespace ReversePaas.Host.Apis;

/// <summary><c>/api/v1/orders</c>: forward-order snapshots from the order center, status moves, cancellation.</summary>
internal static class OrdersApi
{
    public static RouteGroupBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/orders").WithTags("Orders")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithRequestValidation();
        group.MapPost("", RegisterAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.System, Roles.Ops))
            .WithSummary("Registers a forward order: discounts allocated to the cent, identity resolved, ledger opened. Re-posting the same body is idempotent (200).");
        group.MapGet("/{orderId}", GetAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.System, Roles.Ops, Roles.CustomerService, Roles.User, Roles.Merchant))
            .WithSummary("The stored order (users and merchants see only their own).");
        group.MapPost("/{orderId}/status", AdvanceAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.System, Roles.Ops))
            .WithSummary("Moves status and/or warehouse stage forward; anything else is 409.");
        group.MapPost("/{orderId}/cancel", CancelAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.User, Roles.CustomerService, Roles.Ops))
            .WithSummary("Cancels: unpaid → 200 Cancelled; paid, not shipped → 201 with a Cancel after-sale (interception, then refund).");
        return group;
    }

    private static async Task<Results<Created<OrderResponse>, Ok<OrderResponse>>> RegisterAsync(OrderRequest? body, ForwardOrders orders, CancellationToken cancellationToken)
    {
        var (order, created) = await orders.RegisterAsync(body!.ToRegistration(), cancellationToken);
        return created
            ? TypedResults.Created($"/api/v1/orders/{Uri.EscapeDataString(order.OrderId)}", order.ToResponse())
            : TypedResults.Ok(order.ToResponse());
    }

    private static async Task<Ok<OrderResponse>> GetAsync(string orderId, ClaimsPrincipal user, ForwardOrders orders, CancellationToken cancellationToken)
        => TypedResults.Ok((await orders.GetAsync(orderId, user.ToActor(), cancellationToken)).ToResponse());

    private static async Task<Ok<OrderResponse>> AdvanceAsync(string orderId, OrderStatusRequest? body, ForwardOrders orders, CancellationToken cancellationToken)
    {
        var order = await orders.AdvanceAsync(orderId, body?.Status, body?.WarehouseStage, cancellationToken);
        return TypedResults.Ok(order.ToResponse());
    }

    private static async Task<Results<Created<AfterSaleResponse>, Ok<OrderResponse>>> CancelAsync(
        string orderId, CancelRequest? body, ClaimsPrincipal user, InterceptionActivity interception, PickupAddressReader addresses, CancellationToken cancellationToken)
    {
        var actor = user.ToActor();
        var (order, sale) = await interception.CancelAsync(orderId, body?.Reason ?? "", actor, cancellationToken);
        return sale is null
            ? TypedResults.Ok(order.ToResponse())
            : TypedResults.Created($"/api/v1/after-sales/{sale.AfterSaleId}", addresses.Respond(sale, actor));
    }
}
