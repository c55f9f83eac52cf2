using Microsoft.AspNetCore.Http.HttpResults;
using ReversePaas.Host.Auth;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Problems;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Plugins;
using ReversePaas.Plugins.Loading;

namespace ReversePaas.Host.Apis;

/// <summary><c>/api/v1/plugins</c>: what is loaded, and reload without restart.</summary>
internal static class PluginsApi
{
    public static RouteGroupBuilder MapPluginsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/plugins").WithTags("Plugins");
        group.MapGet("", GetPlugins)
            .RequireAuthorization(AuthServiceCollectionExtensions.PlatformReadPolicy)
            .WithSummary("Every plugin with its state (Loaded, Failed, Unloaded) and load error.");
        group.MapPost("/reload", ReloadAsync)
            .RequireAuthorization(AuthServiceCollectionExtensions.OpsPolicy)
            .WithSummary("Reloads identity mappings and plugins without restarting; in-flight requests finish on the old set.");
        return group;
    }

    private static Ok<PluginResponse[]> GetPlugins(PluginRuntime runtime)
        => TypedResults.Ok(Describe(runtime.Plugins, runtime.Extensions.Current));

    private static async Task<Results<Ok<ReloadResponse>, ProblemHttpResult>> ReloadAsync(PluginRuntime runtime, CancellationToken cancellationToken)
    {
        var outcome = await runtime.ReloadAsync(cancellationToken);
        if (!outcome.Applied)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                type: ProblemTypes.InvalidMappings,
                title: "Identity mappings are invalid",
                detail: $"Nothing was reloaded; generation {outcome.Generation} keeps running. Fix the files and reload again.",
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = outcome.MappingErrors.Select(e => new { file = e.File, path = e.JsonPath, reason = e.Reason }).ToArray(),
                });
        }

        // The request holds the snapshot it started on; the answer describes the one the reload published.
        var snapshot = runtime.Extensions.Latest;
        return TypedResults.Ok(new ReloadResponse(
            outcome.Generation,
            Describe(outcome.Plugins, snapshot),
            [.. outcome.Problems.Select(ProblemResponse.From)]));
    }

    internal static PluginResponse[] Describe(IReadOnlyList<PluginRecord> plugins, ExtensionSnapshot snapshot)
        => [.. plugins.Select(p => new PluginResponse(
            p.Id,
            p.Version,
            p.Manifest?.DisplayName,
            p.Manifest?.Description,
            p.Manifest?.Owner,
            p.Manifest?.SdkVersion,
            p.Path,
            p.State,
            p.Error,
            p.LoadedAt,
            p.Manifest?.Identities ?? [],
            [.. snapshot.Extensions.Where(e => e.Origin.PluginId == p.Id).Select(e => e.Id)]))];
}
