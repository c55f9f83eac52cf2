using Microsoft.AspNetCore.Http.HttpResults;
using ReversePaas.Host.Auth;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Dashboard;
using ReversePaas.Host.Jobs;
using ReversePaas.Host.Validation;
using ReversePaas.Persistence.Outbox;
using ReversePaas.Persistence.Queries;
using ReversePaas.Persistence.Search;
using ReversePaas.Persistence.Sharding;

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

    private static async Task<Ok<StuckWorkResponse>> StuckAsync(IAfterSaleQueries afterSales, ShardScopes shards, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var parked = (await afterSales.StuckAsync(200, cancellationToken))
            .Select(a => new StuckAfterSale(
                a.AfterSaleId, a.OrderId, a.BusinessIdentity, a.Status, a.RefundAttempts, a.LastError, a.NextAttemptAt, a.UpdatedAt, StuckKinds.Of(a), a.ReturnAttempts))
            .ToList();
        // Each shard database's outbox on a sharded host (its ids are its own: merged by when they were written).
        var outboxes = await shards.OnEachAsync(sp => sp.GetRequiredService<OutboxBacklog>().StuckAsync(now.AddMinutes(-1), 200, cancellationToken));
        var messages = (outboxes.Count == 1 ? outboxes[0] : outboxes.SelectMany(m => m).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Take(200))
            .Select(m => new StuckMessage(m.Id, m.Topic, m.Key, m.Attempts, m.LastError, m.CreatedAt, m.NextAttemptAt))
            .ToList();
        return TypedResults.Ok(new StuckWorkResponse(now, parked, messages));
    }

    // On a sharded host the deadlines, the search read model and its back-fill checkpoint are each shard database's own:
    // each is read (or run) there and the results merged; a host without shards has one such database.
    private static async Task<Ok<JobsResponse>> JobsAsync([AsParameters] JobsQuery query, ShardScopes shards, TimeProvider time, CancellationToken cancellationToken)
    {
        var limit = query.Limit ?? 500;
        var deadlines = await shards.OnEachAsync(sp => sp.GetRequiredService<DeadlineScheduler>().ListAsync(limit, cancellationToken));
        var merged = deadlines.Count == 1 ? deadlines[0]
            : [.. deadlines.SelectMany(d => d).OrderBy(d => d.DueAt).ThenBy(d => d.Kind, StringComparer.Ordinal).ThenBy(d => d.Key, StringComparer.Ordinal).Take(limit)];
        return TypedResults.Ok(new JobsResponse(time.GetUtcNow(), merged));
    }

    private static async Task<Ok<BackfillResult>> BackfillAsync([AsParameters] BackfillQuery query, ShardScopes shards, CancellationToken cancellationToken)
    {
        // Batches are per shard database; the checkpoint reported is that of the first shard not done (the last one's when all are).
        var runs = await shards.OnEachAsync(sp => sp.GetRequiredService<SearchBackfill>().RunAsync(query.BatchSize ?? 500, query.MaxBatches, query.Restart ?? false, null, cancellationToken));
        var reported = runs.FirstOrDefault(r => !r.Completed) ?? runs[^1];
        return TypedResults.Ok(new BackfillResult(runs.Sum(r => r.Processed), reported.LastKey, runs.All(r => r.Completed)));
    }

    private static async Task<Ok<SearchVerificationResult>> VerifyAsync(ShardScopes shards, int? sample, CancellationToken cancellationToken)
    {
        // The sample is drawn on each shard database.
        var results = await shards.OnEachAsync(sp => sp.GetRequiredService<SearchVerification>().VerifyAsync(Math.Clamp(sample ?? 100, 1, 10_000), cancellationToken));
        return TypedResults.Ok(results.Count == 1 ? results[0] : new SearchVerificationResult(
            results.Sum(r => r.AfterSales), results.Sum(r => r.Documents), results.Sum(r => r.Sampled),
            [.. results.SelectMany(r => r.MissingInSample)], [.. results.SelectMany(r => r.StaleInSample)]));
    }
}
