using Microsoft.AspNetCore.Http.HttpResults;
using ReversePaas.Host.Auth;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Dashboard;
using ReversePaas.Host.Jobs;
using ReversePaas.Host.Validation;
using ReversePaas.Persistence.Outbox;
using ReversePaas.Persistence.Queries;
using ReversePaas.Persistence.Search;

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
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithRequestValidation();
        group.MapGet("/stuck", StuckAsync)
            .WithSummary("Work waiting for people or behind schedule: refunds parked as RefundFailed, pickups parked after repeated failures, background steps failing, outbox messages failing or late.");
        group.MapGet("/jobs", JobsAsync)
            .WithSummary("The deadlines held (unpaid orders, unanswered reviews, unsent returns, combined pickups), soonest first, Waiting or Running.");
        group.MapPost("/search/backfill", BackfillAsync)
            .WithSummary("Indexes after-sales into the search read model by key ranges from the saved checkpoint (resumable); restart=true starts over.");
        group.MapGet("/search/verify", VerifyAsync)
            .WithSummary("Compares the read model's count with the after-sales' and a sample of documents with their after-sales.");
        group.MapDashboardSession();
        return group;
    }

    private static async Task<Ok<StuckWorkResponse>> StuckAsync(IAfterSaleQueries afterSales, OutboxBacklog outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var parked = (await afterSales.StuckAsync(200, cancellationToken))
            .Select(a => new StuckAfterSale(
                a.AfterSaleId, a.OrderId, a.BusinessIdentity, a.Status, a.RefundAttempts, a.LastError, a.NextAttemptAt, a.UpdatedAt, StuckKinds.Of(a), a.ReturnAttempts))
            .ToList();
        var messages = (await outbox.StuckAsync(now.AddMinutes(-1), 200, cancellationToken))
            .Select(m => new StuckMessage(m.Id, m.Topic, m.Key, m.Attempts, m.LastError, m.CreatedAt, m.NextAttemptAt))
            .ToList();
        return TypedResults.Ok(new StuckWorkResponse(now, parked, messages));
    }

    private static async Task<Ok<JobsResponse>> JobsAsync([AsParameters] JobsQuery query, DeadlineScheduler deadlines, TimeProvider time, CancellationToken cancellationToken)
        => TypedResults.Ok(new JobsResponse(time.GetUtcNow(), await deadlines.ListAsync(query.Limit ?? 500, cancellationToken)));

    private static async Task<Ok<BackfillResult>> BackfillAsync([AsParameters] BackfillQuery query, SearchBackfill backfill, CancellationToken cancellationToken)
        => TypedResults.Ok(await backfill.RunAsync(query.BatchSize ?? 500, query.MaxBatches, query.Restart ?? false, null, cancellationToken));

    private static async Task<Ok<SearchVerificationResult>> VerifyAsync(SearchVerification verification, int? sample, CancellationToken cancellationToken)
        => TypedResults.Ok(await verification.VerifyAsync(Math.Clamp(sample ?? 100, 1, 10_000), cancellationToken));
}
