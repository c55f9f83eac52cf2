using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ReversePaas.Host.Auth;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.PersonalData;
using ReversePaas.Host.Validation;
using ReversePaas.Kernel.Activities;
using ReversePaas.Kernel.AfterSales;
using ReversePaas.Persistence.Queries;

namespace ReversePaas.Host.Apis;

/// <summary><c>/api/v1/after-sales</c>: apply, read, list, and every action of the status machine.</summary>
internal static class AfterSalesApi
{
    public static RouteGroupBuilder MapAfterSalesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/after-sales").WithTags("After-sales")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithRequestValidation();
        group.MapPost("", ApplyAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.User, Roles.Merchant, Roles.CustomerService))
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Applies for an after-sale under the order's lock. Idempotency-Key: same key + same body → the same after-sale; other body → 422.");
        group.MapGet("", ListAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.User, Roles.Merchant, Roles.CustomerService, Roles.Ops, Roles.System, Roles.Risk))
            .WithSummary("Lists after-sales with filters (held=true: those risk control holds); users see their own, merchants their store's.");
        group.MapGet("/{id}", GetAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.User, Roles.Merchant, Roles.CustomerService, Roles.Ops, Roles.System, Roles.Risk))
            .WithSummary("The after-sale, current.");
        group.MapPost("/{id}/review", ReviewAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.Merchant, Roles.CustomerService, Roles.Ops))
            .WithSummary("Approve or reject (merchants only where the business line routes review to them).");
        group.MapPost("/{id}/withdraw", WithdrawAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.User, Roles.Merchant, Roles.CustomerService))
            .WithSummary("Withdrawn by the applicant, before goods or money moved.");
        group.MapPost("/{id}/appeal", AppealAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.User, Roles.Merchant, Roles.CustomerService))
            .WithSummary("The applicant appeals a rejection, once, within Activities:AppealWithin (Rejected → Appealed).");
        group.MapPost("/{id}/hold", HoldAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.Risk, Roles.Ops))
            .WithSummary("Risk control holds the after-sale: no refund runs until it is released.");
        group.MapPost("/{id}/release", ReleaseAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.Risk, Roles.Ops))
            .WithSummary("Risk control releases its hold; a waiting refund runs.");
        group.MapPost("/{id}/return-shipment", ReturnShipmentAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.User))
            .WithSummary("The customer shipped the goods back.");
        group.MapPost("/{id}/warehouse-receipt", ReceiptAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.System))
            .WithSummary("The warehouse received the goods (exactly the after-sale's lines).");
        group.MapPost("/{id}/repair-finished", RepairFinishedAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.System))
            .WithSummary("The repair is done: Repaired (also no body) ships the goods back in the background (→ RepairShipped); Irreparable refunds the units (→ PendingRefund → Completed).");
        group.MapPost("/{id}/delivery-confirmed", DeliveryConfirmedAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.User, Roles.Merchant, Roles.CustomerService, Roles.System))
            .WithSummary("The applicant (or System) confirms the replacement or repaired goods arrived (ExchangeShipped/RepairShipped → Completed).");
        group.MapPost("/{id}/retry-refund", RetryRefundAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.Ops))
            .WithSummary("Ops resumes a refund parked as RefundFailed.");
        group.MapPost("/{id}/retry-pickup", RetryPickupAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.Ops))
            .WithSummary("Ops resumes return logistics (pickup booking, warehouse announcement) parked after repeated failures; 409 pickup-not-parked otherwise.");
        return group;
    }

    private static async Task<Results<Created<AfterSaleResponse>, Ok<AfterSaleResponse>>> ApplyAsync(
        AfterSaleRequest? body, [AsParameters] ApplyHeaders headers, ClaimsPrincipal user, ApplicationActivity application, PickupAddressProtector protector,
        PickupAddressReader addresses, CancellationToken cancellationToken)
    {
        // Sealed here: the plain address goes no further than this host (not into the kernel, the database or the logs).
        var actor = user.ToActor();
        var result = await application.ApplyAsync(body!.ToCommand(headers.IdempotencyKey, actor, protector.Protect(body!.PickupAddress)), cancellationToken);
        var response = addresses.Respond(result.AfterSale, actor);
        return TypedResults.Created($"/api/v1/after-sales/{response.AfterSaleId}", response);
    }

    private static async Task<Ok<AfterSaleResponse>> GetAsync(string id, ClaimsPrincipal user, IAfterSaleQueries queries, PickupAddressReader addresses, CancellationToken cancellationToken)
    {
        var actor = user.ToActor();
        var (sale, archived) = await queries.FindAsync(id, actor, cancellationToken);
        return TypedResults.Ok(addresses.Respond(sale, actor) with { Archived = archived });
    }

    private static async Task<Ok<AfterSaleListResponse>> ListAsync(
        [AsParameters] AfterSaleListQuery query, ClaimsPrincipal user, IAfterSaleQueries queries, PickupAddressReader addresses, CancellationToken cancellationToken)
    {
        var page = query.Page ?? 1;
        var pageSize = query.PageSize ?? 20;
        var actor = user.ToActor();
        var (items, archived, total) = await queries.ListWithArchiveAsync(
            new AfterSaleFilter(query.OrderId, query.Status, query.Type, query.VenderId, query.Q, page, pageSize, query.Held, query.Archived == true), actor, cancellationToken);
        return TypedResults.Ok(new AfterSaleListResponse([.. items.Select(i => addresses.Respond(i, actor) with { Archived = archived.Contains(i.AfterSaleId) })], total, page, pageSize));
    }

    private static async Task<Ok<AfterSaleResponse>> ReviewAsync(
        string id, ReviewRequest? body, ClaimsPrincipal user, ReviewActivity review, PickupAddressReader addresses, CancellationToken cancellationToken)
        => Ok(await review.DecideAsync(id, body!.Decision == ReviewDecision.Approve, body.Comment ?? "", user.ToActor(), cancellationToken), user, addresses);

    private static async Task<Ok<AfterSaleResponse>> WithdrawAsync(string id, ClaimsPrincipal user, ReviewActivity review, PickupAddressReader addresses, CancellationToken cancellationToken)
        => Ok(await review.WithdrawAsync(id, user.ToActor(), cancellationToken), user, addresses);

    private static async Task<Ok<AfterSaleResponse>> AppealAsync(
        string id, AppealRequest? body, ClaimsPrincipal user, ReviewActivity review, PickupAddressReader addresses, CancellationToken cancellationToken)
        => Ok(await review.AppealAsync(id, body!.Reason!, user.ToActor(), cancellationToken), user, addresses);

    private static async Task<Ok<AfterSaleResponse>> HoldAsync(
        string id, HoldRequest? body, ClaimsPrincipal user, ReviewActivity risk, PickupAddressReader addresses, CancellationToken cancellationToken)
        => Ok(await risk.HoldAsync(id, body!.Reason!, user.ToActor(), cancellationToken), user, addresses);

    private static async Task<Ok<AfterSaleResponse>> ReleaseAsync(string id, ClaimsPrincipal user, ReviewActivity risk, PickupAddressReader addresses, CancellationToken cancellationToken)
        => Ok(await risk.ReleaseAsync(id, user.ToActor(), cancellationToken), user, addresses);

    private static async Task<Ok<AfterSaleResponse>> ReturnShipmentAsync(
        string id, ReturnShipmentRequest? body, ClaimsPrincipal user, ExecutionActivity execution, PickupAddressReader addresses, CancellationToken cancellationToken)
        => Ok(await execution.RecordReturnShipmentAsync(id, body!.Carrier!, body.TrackingNo!, user.ToActor(), cancellationToken), user, addresses);

    private static async Task<Ok<AfterSaleResponse>> ReceiptAsync(
        string id, WarehouseReceiptRequest? body, ClaimsPrincipal user, ExecutionActivity execution, PickupAddressReader addresses, CancellationToken cancellationToken)
        => Ok(await execution.ReceiveGoodsAsync(id, body!.ToReturnLines(), user.ToActor(), cancellationToken), user, addresses);

    private static async Task<Ok<AfterSaleResponse>> RepairFinishedAsync(
        string id, RepairFinishedRequest? body, ClaimsPrincipal user, ExecutionActivity execution, PickupAddressReader addresses, CancellationToken cancellationToken)
        => Ok(await execution.FinishRepairAsync(id, body?.Outcome ?? RepairOutcome.Repaired, body?.Note ?? "", user.ToActor(), cancellationToken), user, addresses);

    private static async Task<Ok<AfterSaleResponse>> DeliveryConfirmedAsync(string id, ClaimsPrincipal user, ExecutionActivity execution, PickupAddressReader addresses, CancellationToken cancellationToken)
        => Ok(await execution.ConfirmDeliveryAsync(id, user.ToActor(), cancellationToken), user, addresses);

    private static async Task<Ok<AfterSaleResponse>> RetryRefundAsync(string id, ClaimsPrincipal user, ExecutionActivity execution, PickupAddressReader addresses, CancellationToken cancellationToken)
        => Ok(await execution.RetryRefundAsync(id, user.ToActor(), cancellationToken), user, addresses);

    private static async Task<Ok<AfterSaleResponse>> RetryPickupAsync(string id, ClaimsPrincipal user, ExecutionActivity execution, PickupAddressReader addresses, CancellationToken cancellationToken)
        => Ok(await execution.RetryReturnAsync(id, user.ToActor(), cancellationToken), user, addresses);

    private static Ok<AfterSaleResponse> Ok(AfterSale sale, ClaimsPrincipal user, PickupAddressReader addresses) => TypedResults.Ok(addresses.Respond(sale, user.ToActor()));
}
