using Microsoft.AspNetCore.Http.HttpResults;
using ReversePaas.CapabilityCatalog;
using ReversePaas.Host.Auth;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Problems;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Telemetry.Usage;
using ReversePaas.Persistence.PluginPackages;
using ReversePaas.Plugins;
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
        group.MapGet("", GetCatalog)
            .WithSummary("Every extension point, extension, identity (with what serves each point and why), plugin and problem, from the snapshot dispatch uses.");
        group.MapGet("/maps/{identity}", GetMap)
            .WithSummary("The identity's capability map as text: format=mermaid (default), dot or markdown.");
        group.MapGet("/usage", GetUsage)
            .WithSummary("This host's recent extension calls per identity × point cell: calls, failures and p95 duration over the last 15 minutes (in memory, per host).");
        group.MapGet("/identities/{identity}", GetIdentityFlow)
            .WithSummary("An identity's flow: the activities in order, each extension point with the extension that serves it and why.");
        return group;
    }

    private static async Task<JsonHttpResult<CatalogDocument>> GetCatalog(PluginRuntime runtime, PluginPackageStore packages, TimeProvider time, CancellationToken cancellationToken)
    {
        var stored = await packages.AllAsync(cancellationToken);
        var catalog = Catalog(runtime, time) with
        {
            Packages = [.. stored.Select(p => new CatalogPackage(p.PluginId, p.Version.Version, p.Version.Sha256, p.Version.State, p.Version.UploadedAt, p.Version.ActivatedAt))],
        };
        return TypedResults.Json(catalog, CatalogJson.Options);
    }

    private static Ok<CatalogUsageResponse> GetUsage(ExtensionUsage usage, TimeProvider time)
    {
        var window = ExtensionUsage.Window;
        var cells = usage.Read().Select(f => new CellUsageResponse(f.Identity, f.Point, f.Plugin, f.Extension, f.Calls, f.Failures, f.P95Ms, window));
        return TypedResults.Ok(new CatalogUsageResponse(time.GetUtcNow(), window, [.. cells]));
    }

    private static Results<ContentHttpResult, ValidationProblem, ProblemHttpResult> GetMap(string identity, string? format, PluginRuntime runtime, TimeProvider time)
    {
        format ??= "mermaid";
        if (!CatalogMaps.Formats.Contains(format))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["format"] = [$"'{format}' is not a map format; use {string.Join(", ", CatalogMaps.Formats)}."] },
                type: ProblemTypes.Validation,
                title: "Unknown map format");
        }

        var catalog = Catalog(runtime, time);
        if (!BusinessIdentity.TryParse(identity, out var parsed, out var error))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["identity"] = [error] }, type: ProblemTypes.InvalidIdentity, title: "Invalid business identity");
        }

        if (catalog.FindIdentity(parsed.Value) is not { } entry)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                type: ProblemTypes.UnknownIdentity,
                title: "Unknown business identity",
                detail: $"The catalog has no identity '{parsed}'. Known: {string.Join(", ", catalog.Identities.Select(i => i.Identity))}.");
        }

        var contentType = format switch { "markdown" => "text/markdown", "dot" => "text/vnd.graphviz", _ => "text/plain" };
        return TypedResults.Text(CatalogMaps.Render(catalog, entry, format), contentType + "; charset=utf-8");
    }

    private static CatalogDocument Catalog(PluginRuntime runtime, TimeProvider time)
    {
        var view = runtime.Current;
        return CatalogBuilder.Build(view.Snapshot, view.Plugins, view.Mappings.Rules, time.GetUtcNow());
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
