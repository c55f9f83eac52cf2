using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReversePaas.Host.Auth;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Dashboard;
using ReversePaas.Host.Jobs;
using ReversePaas.Host.Validation;
using ReversePaas.Persistence;
using ReversePaas.Persistence.Search;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Apis;

/// <summary><c>/api/v1/ops</c>: operator commands — the search read model's back-fill and verification.</summary>
internal static class OpsApi
{
    public static RouteGroupBuilder MapOpsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/ops").WithTags("Ops")
            .RequireAuthorization(AuthServiceCollectionExtensions.OpsPolicy)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/stuck", StuckAsync)
            .WithSummary("Work waiting for people or behind schedule: refunds parked as RefundFailed, background steps failing, outbox messages failing or late.");
        group.MapGet("/jobs", JobsAsync)
            .WithSummary("The deadlines held (unpaid orders, unanswered reviews, unsent returns, combined pickups), soonest first, Waiting or Running.");
        group.MapPost("/search/backfill", BackfillAsync)
            .WithSummary("Indexes after-sales into the search read model by key ranges from the saved checkpoint (resumable); restart=true starts over.");
        group.MapGet("/search/verify", VerifyAsync)
            .WithSummary("Compares the read model's count with the after-sales' and a sample of documents with their after-sales.");
        group.MapDashboardSession();
        return group;
    }

    private static async Task<Ok<StuckWorkResponse>> StuckAsync(ReverseDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var late = now.AddMinutes(-1);
        var parked = await db.AfterSales.AsNoTracking()
            .Where(a => a.Status == AfterSaleStatus.RefundFailed || (a.LastError != null && a.Status != AfterSaleStatus.Completed))
            .OrderBy(a => a.UpdatedAt).Take(200)
            .Select(a => new StuckAfterSale(a.AfterSaleId, a.OrderId, a.BusinessIdentity, a.Status, a.RefundAttempts, a.LastError, a.NextAttemptAt, a.UpdatedAt))
            .ToListAsync(cancellationToken);
        var messages = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.DispatchedAt == null && (m.Attempts > 0 || m.CreatedAt < late))
            .OrderBy(m => m.Id).Take(200)
            .Select(m => new StuckMessage(m.Id, m.Topic, m.Key, m.Attempts, m.LastError, m.CreatedAt, m.NextAttemptAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new StuckWorkResponse(now, parked, messages));
    }

    private static async Task<Ok<JobsResponse>> JobsAsync(DeadlineScheduler deadlines, TimeProvider time, int? limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 5000)
        {
            var reader = new RequestReader();
            reader.Fail("limit", "Between 1 and 5000.");
            reader.ThrowIfAny();
        }

        return TypedResults.Ok(new JobsResponse(time.GetUtcNow(), await deadlines.ListAsync(limit ?? 500, cancellationToken)));
    }

    private static async Task<Ok<BackfillResult>> BackfillAsync(ReverseDbContext db, ISearchIndex index, TimeProvider time, int? batchSize, int? maxBatches, bool? restart, CancellationToken cancellationToken)
    {
        var reader = new RequestReader();
        if (batchSize is < 1 or > 5000)
        {
            reader.Fail("batchSize", "Between 1 and 5000.");
        }

        if (maxBatches is < 1)
        {
            reader.Fail("maxBatches", "At least 1 when given.");
        }

        reader.ThrowIfAny();
        var result = await new SearchBackfill(db, index, time).RunAsync(batchSize ?? 500, maxBatches, restart ?? false, null, cancellationToken);
        return TypedResults.Ok(result);
    }

    private static async Task<Ok<SearchVerificationResult>> VerifyAsync(ReverseDbContext db, ISearchIndex index, int? sample, CancellationToken cancellationToken)
        => TypedResults.Ok(await new SearchVerification(db, index).VerifyAsync(Math.Clamp(sample ?? 100, 1, 10_000), cancellationToken));
}
