using Microsoft.AspNetCore.Http.HttpResults;
using ReversePaas.Host.Auth;
using ReversePaas.Host.Validation;
using ReversePaas.Persistence;
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
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/search/backfill", BackfillAsync)
            .WithSummary("Indexes after-sales into the search read model by key ranges from the saved checkpoint (resumable); restart=true starts over.");
        group.MapGet("/search/verify", VerifyAsync)
            .WithSummary("Compares the read model's count with the after-sales' and a sample of documents with their after-sales.");
        return group;
    }

    private static async Task<Ok<BackfillResult>> BackfillAsync(ReverseDbContext db, TimeProvider time, int? batchSize, int? maxBatches, bool? restart, CancellationToken cancellationToken)
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
        var result = await new SearchBackfill(db, time).RunAsync(batchSize ?? 500, maxBatches, restart ?? false, null, cancellationToken);
        return TypedResults.Ok(result);
    }

    private static async Task<Ok<SearchVerificationResult>> VerifyAsync(ReverseDbContext db, int? sample, CancellationToken cancellationToken)
        => TypedResults.Ok(await new SearchVerification(db).VerifyAsync(Math.Clamp(sample ?? 100, 1, 10_000), cancellationToken));
}
