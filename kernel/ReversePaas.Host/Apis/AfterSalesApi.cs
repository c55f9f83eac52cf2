using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using ReversePaas.Host.Auth;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Validation;
using ReversePaas.Kernel.Activities;
using ReversePaas.Kernel.AfterSales;
using ReversePaas.Persistence.Queries;
using ReversePaas.Sdk.Ports;

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
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("", ApplyAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.User, Roles.Merchant, Roles.CustomerService))
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Applies for an after-sale under the order's lock. Idempotency-Key: same key + same body → the same after-sale; other body → 422.");
        group.MapGet("", ListAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.User, Roles.Merchant, Roles.CustomerService, Roles.Ops, Roles.System))
            .WithSummary("Lists after-sales with filters; users see their own, merchants their store's.");
        group.MapGet("/{id}", GetAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.User, Roles.Merchant, Roles.CustomerService, Roles.Ops, Roles.System))
            .WithSummary("The after-sale, current.");
        group.MapPost("/{id}/review", ReviewAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.Merchant, Roles.CustomerService, Roles.Ops))
            .WithSummary("Approve or reject (merchants only where the business line routes review to them).");
        group.MapPost("/{id}/withdraw", WithdrawAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.User, Roles.Merchant, Roles.CustomerService))
            .WithSummary("Withdrawn by the applicant, before goods or money moved.");
        group.MapPost("/{id}/return-shipment", ReturnShipmentAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.User))
            .WithSummary("The customer shipped the goods back.");
        group.MapPost("/{id}/warehouse-receipt", ReceiptAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.System))
            .WithSummary("The warehouse received the goods (exactly the after-sale's lines).");
        group.MapPost("/{id}/repair-finished", RepairFinishedAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.System))
            .WithSummary("The repair is done and the goods ship back (Repairing → RepairShipped).");
        group.MapPost("/{id}/delivery-confirmed", DeliveryConfirmedAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.System))
            .WithSummary("The customer received the replacement or repaired goods (→ Completed).");
        group.MapPost("/{id}/retry-refund", RetryRefundAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.Ops))
            .WithSummary("Ops resumes a refund parked as RefundFailed.");
        return group;
    }

    private static async Task<Results<Created<AfterSaleResponse>, Ok<AfterSaleResponse>>> ApplyAsync(
        AfterSaleRequest? body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user, ApplicationActivity application, CancellationToken cancellationToken)
    {
        var reader = new RequestReader();
        if (body is null)
        {
            reader.Fail("body", "A JSON body is required.");
            reader.ThrowIfAny();
        }

        if (idempotencyKey is { Length: 0 or > 128 })
        {
            reader.Fail("Idempotency-Key", "1–128 characters when sent.");
        }

        var evidence = body!.Evidence ?? [];
        if (evidence.Count > RequestReader.MaxEvidence || evidence.Any(e => string.IsNullOrWhiteSpace(e) || e.Length > 1000 || e.Any(char.IsControl)))
        {
            reader.Fail("evidence", $"At most {RequestReader.MaxEvidence} non-empty URLs of at most 1000 characters, without control characters.");
        }

        var command = new ApplyCommand
        {
            OrderId = reader.Id(body.OrderId, "orderId"),
            Type = reader.Required(body.Type, "type") ?? default,
            Reason = reader.Text(body.Reason, "reason", RequestReader.MaxTextLength, freeText: true),
            Lines = RequestReader.AfterSaleLines(body, reader),
            Evidence = evidence,
            PickupAt = reader.Time(body.PickupAt, "pickupAt"),
            Applicant = user.ToActor(),
            IdempotencyKey = idempotencyKey,
            Fingerprint = idempotencyKey is null ? null : RequestReader.Fingerprint(body),
        };
        reader.ThrowIfAny();

        var result = await application.ApplyAsync(command, cancellationToken);
        var response = result.AfterSale.ToResponse();
        return TypedResults.Created($"/api/v1/after-sales/{response.AfterSaleId}", response);
    }

    private static async Task<Ok<AfterSaleResponse>> GetAsync(string id, ClaimsPrincipal user, AfterSaleQueries queries, CancellationToken cancellationToken)
        => TypedResults.Ok((await queries.GetAsync(id, user.ToActor(), cancellationToken)).ToResponse());

    private static async Task<Ok<AfterSaleListResponse>> ListAsync([AsParameters] AfterSaleListQuery query, ClaimsPrincipal user, AfterSaleQueries queries, CancellationToken cancellationToken)
    {
        var reader = new RequestReader();
        var page = query.Page ?? 1;
        var pageSize = query.PageSize ?? 20;
        if (page is < 1 or > 100_000)
        {
            reader.Fail("page", "Between 1 and 100000.");
        }

        if (pageSize is < 1 or > 200)
        {
            reader.Fail("pageSize", "Between 1 and 200.");
        }

        var text = query.Q is null ? null : reader.Text(query.Q, "q", 200);
        reader.ThrowIfAny();
        var (items, total) = await queries.ListAsync(
            new AfterSaleFilter(query.OrderId, query.Status, query.Type, query.VenderId, text, page, pageSize), user.ToActor(), cancellationToken);
        return TypedResults.Ok(new AfterSaleListResponse([.. items.Select(i => i.ToResponse())], total, page, pageSize));
    }

    private static async Task<Ok<AfterSaleResponse>> ReviewAsync(string id, ReviewRequest? body, ClaimsPrincipal user, ReviewActivity review, CancellationToken cancellationToken)
    {
        var reader = new RequestReader();
        var decision = reader.Required(body?.Decision, "decision");
        var comment = reader.Text(body?.Comment, "comment", RequestReader.MaxTextLength, freeText: true);
        reader.ThrowIfAny();
        var sale = await review.DecideAsync(id, decision == ReviewDecision.Approve, comment, user.ToActor(), cancellationToken);
        return TypedResults.Ok(sale.ToResponse());
    }

    private static async Task<Ok<AfterSaleResponse>> WithdrawAsync(string id, ClaimsPrincipal user, ReviewActivity review, CancellationToken cancellationToken)
        => Ok(await review.WithdrawAsync(id, user.ToActor(), cancellationToken));

    private static async Task<Ok<AfterSaleResponse>> ReturnShipmentAsync(string id, ReturnShipmentRequest? body, ClaimsPrincipal user, ExecutionActivity execution, CancellationToken cancellationToken)
    {
        var reader = new RequestReader();
        var carrier = reader.Id(body?.Carrier, "carrier");
        var trackingNo = reader.Id(body?.TrackingNo, "trackingNo");
        reader.ThrowIfAny();
        return Ok(await execution.RecordReturnShipmentAsync(id, carrier, trackingNo, user.ToActor(), cancellationToken));
    }

    private static async Task<Ok<AfterSaleResponse>> ReceiptAsync(string id, WarehouseReceiptRequest? body, ClaimsPrincipal user, ExecutionActivity execution, CancellationToken cancellationToken)
    {
        var reader = new RequestReader();
        var lines = reader.Required(body?.Lines, "lines") ?? [];
        var received = new List<ReturnLine>();
        for (var i = 0; i < lines.Count; i++)
        {
            var lineNo = reader.Required(lines[i]?.LineNo, $"lines[{i}].lineNo") ?? 0;
            var quantity = reader.Required(lines[i]?.Quantity, $"lines[{i}].quantity") ?? 0;
            if (lines[i]?.LineNo is <= 0)
            {
                reader.Fail($"lines[{i}].lineNo", "Must be positive.");
            }

            if (lines[i] is not null && quantity <= 0)
            {
                reader.Fail($"lines[{i}].quantity", "Must be positive.");
            }

            received.Add(new ReturnLine(lineNo, "", quantity));
        }

        if (lines.Count == 0)
        {
            reader.Fail("lines", "Name the lines received.");
        }

        reader.ThrowIfAny();
        return Ok(await execution.ReceiveGoodsAsync(id, received, user.ToActor(), cancellationToken));
    }

    private static async Task<Ok<AfterSaleResponse>> RepairFinishedAsync(string id, ClaimsPrincipal user, ExecutionActivity execution, CancellationToken cancellationToken)
        => Ok(await execution.FinishRepairAsync(id, user.ToActor(), cancellationToken));

    private static async Task<Ok<AfterSaleResponse>> DeliveryConfirmedAsync(string id, ClaimsPrincipal user, ExecutionActivity execution, CancellationToken cancellationToken)
        => Ok(await execution.ConfirmDeliveryAsync(id, user.ToActor(), cancellationToken));

    private static async Task<Ok<AfterSaleResponse>> RetryRefundAsync(string id, ClaimsPrincipal user, ExecutionActivity execution, CancellationToken cancellationToken)
        => Ok(await execution.RetryRefundAsync(id, user.ToActor(), cancellationToken));

    private static Ok<AfterSaleResponse> Ok(AfterSale sale) => TypedResults.Ok(sale.ToResponse());
}
