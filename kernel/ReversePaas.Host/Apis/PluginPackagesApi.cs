using Microsoft.AspNetCore.Http.HttpResults;
using ReversePaas.Host.Auth;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.PluginPackages;
using ReversePaas.Host.Problems;
using ReversePaas.Host.Validation;
using ReversePaas.Persistence.PluginPackages;
using ReversePaas.Plugins;
using ReversePaas.Plugins.Packages;

namespace ReversePaas.Host.Apis;

/// <summary>
/// <c>/api/v1/plugins</c> packages (API.md v1.1): upload a <c>.rpplugin</c>, list a plugin's versions, activate one,
/// roll back, deactivate. Packages live in the database; every host serves the active versions within
/// <c>Plugins:SyncInterval</c>, and the host that took the change at once.
/// </summary>
internal static class PluginPackagesApi
{
    public static RouteGroupBuilder MapPluginPackagesApi(this IEndpointRouteBuilder app, PluginPackageOptions options)
    {
        var group = app.MapGroup("/api/v1/plugins").WithTags("Plugins").WithRequestValidation();
        group.MapPost("/packages", UploadAsync)
            .RequireAuthorization(AuthServiceCollectionExtensions.OpsPolicy)
            .WithMetadata(new AcceptsPluginPackage(options.Limits.MaxBytes))
            // No Accepts<>() here: the router would answer a wrong content type with its own 415 before the body guard
            // could say which one to send.
            .WithSummary("Uploads a plugin package (.rpplugin, application/zip): 201 Staged, 200 for the same bytes again, 409 for other bytes with a stored id and version, 400 naming what is wrong.");
        group.MapGet("/{id}/versions", GetVersionsAsync)
            .RequireAuthorization(AuthServiceCollectionExtensions.PlatformReadPolicy)
            .WithSummary("The stored versions of a plugin: Staged, Active or Retired.");
        group.MapPost("/{id}/activate", ActivateAsync)
            .RequireAuthorization(AuthServiceCollectionExtensions.OpsPolicy)
            .WithSummary("Serves the stored version on every host (this one at once); the version it replaces becomes Retired.");
        group.MapPost("/{id}/rollback", RollbackAsync)
            .RequireAuthorization(AuthServiceCollectionExtensions.OpsPolicy)
            .WithSummary("Re-activates the version that was active before the current one.");
        group.MapPost("/{id}/deactivate", DeactivateAsync)
            .RequireAuthorization(AuthServiceCollectionExtensions.OpsPolicy)
            .WithSummary("No uploaded version of the plugin serves any more; its identities fall back (to a folder plugin of the same id, if any).");
        return group;
    }

    private static async Task<Results<Created<PluginPackageResponse>, Ok<PluginPackageResponse>, ProblemHttpResult>> UploadAsync(
        HttpRequest request, PluginPackageStore store, PluginRuntime runtime, PluginPackageOptions options, CancellationToken cancellationToken)
    {
        byte[] bytes;
        using (var body = new MemoryStream())
        {
            await request.Body.CopyToAsync(body, cancellationToken);
            bytes = body.ToArray(); // once: a package may be tens of megabytes
        }

        ValidatedPackage package;
        try
        {
            package = PluginPackageReader.Validate(bytes, options.Limits, runtime.Options.Loader.AllowList);
        }
        catch (PluginPackageException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: ProblemTypes.InvalidPluginPackage, title: "The plugin package is refused",
                detail: ex.Message, extensions: new Dictionary<string, object?> { ["fault"] = ex.Fault });
        }

        var (outcome, stored) = await store.AddAsync(package.Id, package.Version, package.Sha256, bytes, cancellationToken);
        var answer = new PluginPackageResponse(package.Id, package.Version, stored.Sha256, stored.State);
        return outcome switch
        {
            StoreOutcome.Created => TypedResults.Created($"/api/v1/plugins/{package.Id}/versions", answer),
            StoreOutcome.AlreadyStored => TypedResults.Ok(answer),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, type: ProblemTypes.PluginVersionExists, title: "This plugin version is stored with other bytes",
                detail: $"{package.Id} {package.Version} is stored already (SHA-256 {stored.Sha256}); this package's SHA-256 is {package.Sha256}. Publish it under a new version.",
                extensions: new Dictionary<string, object?> { ["id"] = package.Id, ["version"] = package.Version }),
        };
    }

    // A plugin without uploaded packages has no versions: an empty list (a folder plugin of that id may still serve).
    private static async Task<Ok<PluginVersionResponse[]>> GetVersionsAsync(string id, PluginPackageStore store, CancellationToken cancellationToken)
        => TypedResults.Ok((await store.VersionsAsync(id, cancellationToken)).Select(v => new PluginVersionResponse(v.Version, v.Sha256, v.State, v.UploadedAt, v.ActivatedAt)).ToArray());

    private static async Task<Results<Ok<PluginResponse>, ProblemHttpResult>> ActivateAsync(
        string id, ActivateRequest body, PluginPackageStore store, PluginPackageSync sync, PluginRuntime runtime, CancellationToken cancellationToken)
        => await store.ActivateAsync(id, body.Version!, cancellationToken)
            ? await ServedAsync(id, sync, runtime, cancellationToken)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.NotFound, title: "No such plugin version",
                detail: $"Plugin '{id}' has no stored version '{body.Version}' (GET /api/v1/plugins/{id}/versions lists them).");

    private static async Task<Results<Ok<PluginResponse>, ProblemHttpResult>> RollbackAsync(
        string id, PluginPackageStore store, PluginPackageSync sync, PluginRuntime runtime, CancellationToken cancellationToken)
        => (await store.VersionsAsync(id, cancellationToken)).Count == 0 ? NoPackage(id)
            : await store.RollbackAsync(id, cancellationToken) is not null
            ? await ServedAsync(id, sync, runtime, cancellationToken)
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, type: ProblemTypes.NothingToRollBack, title: "Nothing to roll back to",
                detail: $"Plugin '{id}' has no earlier active version to go back to.");

    private static async Task<Results<Ok<PluginVersionResponse[]>, ProblemHttpResult>> DeactivateAsync(
        string id, PluginPackageStore store, PluginPackageSync sync, CancellationToken cancellationToken)
    {
        if ((await store.VersionsAsync(id, cancellationToken)).Count == 0)
        {
            return NoPackage(id);
        }

        if (!await store.DeactivateAsync(id, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, type: ProblemTypes.NothingToRollBack, title: "No active version",
                detail: $"Plugin '{id}' has no active uploaded version to deactivate.");
        }

        await sync.SyncAsync(cancellationToken);
        return await GetVersionsAsync(id, store, cancellationToken);
    }

    // The change is this host's: it serves it before answering; the other hosts follow within the sync interval.
    private static async Task<Results<Ok<PluginResponse>, ProblemHttpResult>> ServedAsync(string id, PluginPackageSync sync, PluginRuntime runtime, CancellationToken cancellationToken)
    {
        await sync.SyncAsync(cancellationToken);
        var served = PluginsApi.Describe(runtime.Plugins, runtime.Extensions.Latest).FirstOrDefault(p => p.Id == id);
        return served is not null ? TypedResults.Ok(served) : NoPackage(id);
    }

    private static ProblemHttpResult NoPackage(string id)
        => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.NotFound, title: "No such plugin package",
            detail: $"No package of plugin '{id}' is stored.");
}
