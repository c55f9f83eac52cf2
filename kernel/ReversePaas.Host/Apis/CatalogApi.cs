using Microsoft.AspNetCore.Http.HttpResults;
using ReversePaas.Host.Auth;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Problems;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Sdk;

namespace ReversePaas.Host.Apis;

/// <summary>
/// <c>/api/v1/catalog</c>: what serves each identity, read from the very snapshot dispatch uses.
/// </summary>
internal static class CatalogApi
{
    public static RouteGroupBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/catalog").WithTags("Catalog")
            .RequireAuthorization(AuthServiceCollectionExtensions.PlatformReadPolicy);
        group.MapGet("/identities/{identity}", GetIdentityFlow)
            .WithSummary("An identity's flow: the activities in order, each extension point with the extension that serves it and why.");
        return group;
    }

    private static Results<Ok<IdentityFlowResponse>, ValidationProblem, ProblemHttpResult> GetIdentityFlow(string identity, ExtensionRuntime runtime)
    {
        if (!BusinessIdentity.TryParse(identity, out var parsed, out var error))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["identity"] = [error] },
                type: ProblemTypes.InvalidIdentity,
                title: "Invalid business identity");
        }

        var snapshot = runtime.Current;
        var profile = snapshot.For(parsed);
        if (profile.Identity != parsed)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                type: ProblemTypes.UnknownIdentity,
                title: "Unknown business identity",
                detail: $"No rule, binding or extension names '{parsed}'; orders with it would be served as '{profile.Identity}'. Known: {string.Join(", ", snapshot.Identities.Select(i => i.Identity.Value))}.");
        }

        var activities = profile.Resolutions
            .GroupBy(r => r.Point.Activity)
            .OrderBy(g => g.Key)
            .Select(g => new ActivityFlowResponse(g.Key, [.. g.Select(Describe)]))
            .ToArray();
        return TypedResults.Ok(new IdentityFlowResponse(profile.Identity.Value, snapshot.Generation, activities, profile.Settings.Values));
    }

    private static PointResolutionResponse Describe(ExtensionResolution resolution)
        => new(
            resolution.Point.Code,
            resolution.Point.Combine,
            resolution.Source,
            resolution.DecidedAt.Value,
            resolution.ViaBinding,
            resolution.ConflictMessage,
            [.. resolution.Extensions.Select(e => new ServingExtensionResponse(e.Id, e.Origin.PluginId, e.Origin.Version, e.Description))]);
}
