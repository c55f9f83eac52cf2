using Microsoft.AspNetCore.Http.HttpResults;
using ReversePaas.Host.Auth;
using ReversePaas.Host.Simulators;

namespace ReversePaas.Host.Apis;

/// <summary><c>/api/v1/simulators</c>: what the embedded external systems were asked and answered (ops drills).</summary>
internal static class SimulatorsApi
{
    public static RouteGroupBuilder MapSimulatorsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/simulators").WithTags("Simulators");
        group.MapGet("/calls", GetCalls)
            .RequireAuthorization(AuthServiceCollectionExtensions.OpsPolicy)
            .WithSummary("Every call the embedded payment, warehouse, logistics, inventory and settlement simulators answered, oldest first.");
        return group;
    }

    private static async Task<Ok<SimulatedCall[]>> GetCalls(SimulatorJournal journal, string? system, string? orderId, CancellationToken cancellationToken)
        => TypedResults.Ok(await journal.CallsAsync(system, orderId, cancellationToken));
}
