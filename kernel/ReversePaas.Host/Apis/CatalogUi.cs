using Microsoft.AspNetCore.Http.HttpResults;
using ReversePaas.Host.Problems;

namespace ReversePaas.Host.Apis;

/// <summary>
/// <c>GET /catalog</c>: the ops web UI (<c>capability-catalog/ui</c>), a static page read at run time from the
/// <c>catalog-ui</c> folder the build copies beside the host. The page itself is public (API.md); the data it
/// shows comes from the API, with the Ops key the page asks for.
/// </summary>
internal static class CatalogUi
{
    private const string Page = "index.html";

    // The page's scripts (ES modules) and style sheet, by extension.
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
    };

    // The only files served: those of the deployed folder with one of those extensions, listed once. A URL is only ever
    // looked up in this list; it never reaches the file system itself.
    private static readonly Lazy<Dictionary<string, string>> Assets = new(() =>
        (Directory.Exists(Folder) ? Directory.EnumerateFiles(Folder) : [])
            .Select(Path.GetFileName)
            .Where(name => name is not null && ContentTypes.ContainsKey(Path.GetExtension(name)))
            .ToDictionary(name => name!, name => ContentTypes[Path.GetExtension(name!)], StringComparer.Ordinal));

    // Everything the page loads comes from this host: no CDN, no inline script. Inline style is allowed because the
    // diagram library (the vendored mermaid.min.js) measures and draws each map with style elements and attributes it
    // writes as it goes; blocked, the drawing stops after a few nodes (CatalogDiagramPageTests saw it). Style cannot run
    // code, and every script still comes from this host.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Where the page's files are read from: <c>catalog-ui/</c> beside the host's assembly.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "catalog-ui");

    public static IEndpointRouteBuilder MapCatalogUi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/catalog", GetPage)
            .AllowAnonymous()
            .ExcludeFromDescription();
        app.MapGet("/catalog/{file}", GetAsset)
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    private static Results<PhysicalFileHttpResult, ProblemHttpResult> GetPage(HttpContext context)
    {
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        return Serve(context, Page, "text/html; charset=utf-8");
    }

    private static Results<PhysicalFileHttpResult, ProblemHttpResult> GetAsset(string file, HttpContext context)
        => Assets.Value.TryGetValue(file, out var contentType)
            ? Serve(context, file, contentType)
            : TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                type: ProblemTypes.NotFound,
                title: "Not found",
                detail: $"The catalog page has no file '{file}'.");

    private static Results<PhysicalFileHttpResult, ProblemHttpResult> Serve(HttpContext context, string file, string contentType)
    {
        var path = Path.Combine(Folder, file);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                type: ProblemTypes.NotFound,
                title: "The catalog page is not deployed",
                detail: $"'{path}' is missing: the host's build copies capability-catalog/ui/ to catalog-ui/ beside the host.");
        }

        // Revalidate every time (If-Modified-Since → 304), so a redeployed page is never served stale.
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.PhysicalFile(path, contentType, lastModified: info.LastWriteTimeUtc);
    }
}
