using System.Text;
using ReversePaas.CapabilityCatalog;

namespace ReversePaas.Cli;

/// <summary>Reads and writes <c>catalog.json</c>: the file <c>catalog export</c> writes and <c>catalog diff</c> compares.</summary>
internal static class CatalogFile
{
    /// <summary>The name of the catalog file in an export folder.</summary>
    public const string Name = "catalog.json";

    /// <summary>UTF-8 without a byte-order mark, as every exported file is written.</summary>
    public static Encoding Encoding { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Reads a catalog file. A file that cannot be read, is not JSON, or is JSON but not a catalog (a required
    /// member missing or null) is a usage error naming the file and the JSON path.
    /// </summary>
    public static CatalogDocument Read(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new CliException(
                ex is FileNotFoundException or DirectoryNotFoundException ? $"{path}: the file does not exist." : $"{path}: cannot be read ({ex.Message}).",
                innerException: ex);
        }

        CatalogDocument document;
        try
        {
            document = CatalogJson.Deserialize(json, path);
        }
        catch (InvalidDataException ex)
        {
            throw new CliException(ex.Message, innerException: ex);
        }

        if (FirstMissing(document) is { } missing)
        {
            throw new CliException($"{path}: not a catalog file ({missing}: required, but missing or null). A catalog file is the catalog.json that 'reversepaas catalog export' writes.");
        }

        return document;
    }

    // System.Text.Json leaves absent constructor parameters null; a catalog needs every list and name, so a JSON
    // file that is not a catalog (identities.json, plugin.json) is refused here instead of failing inside the diff.
    private static string? FirstMissing(CatalogDocument d)
        => Missing("$.sdkVersion", d.SdkVersion)
            ?? List("$.points", d.Points, (p, at) => Missing($"{at}.code", p.Code) ?? Missing($"{at}.contract", p.Contract) ?? Missing($"{at}.description", p.Description))
            ?? List("$.extensions", d.Extensions, (e, at) => Missing($"{at}.id", e.Id) ?? Missing($"{at}.plugin", e.Plugin) ?? Missing($"{at}.version", e.Version)
                ?? Missing($"{at}.points", e.Points) ?? Missing($"{at}.identities", e.Identities))
            ?? List("$.identities", d.Identities, (i, at) => Missing($"{at}.identity", i.Identity) ?? Missing($"{at}.settings", i.Settings)
                ?? List($"{at}.resolutions", i.Resolutions, (r, rat) => Missing($"{rat}.point", r.Point) ?? Missing($"{rat}.decidedAt", r.DecidedAt)
                    ?? Missing($"{rat}.extensions", r.Extensions) ?? Missing($"{rat}.plugins", r.Plugins)))
            ?? List("$.plugins", d.Plugins, (p, at) => Missing($"{at}.id", p.Id) ?? Missing($"{at}.path", p.Path) ?? Missing($"{at}.extensions", p.Extensions))
            ?? List("$.problems", d.Problems, (p, at) => Missing($"{at}.code", p.Code) ?? Missing($"{at}.message", p.Message));

    private static string? Missing(string path, object? value) => value is null ? path : null;

    private static string? List<T>(string path, IReadOnlyList<T>? items, Func<T, string, string?> check)
        where T : class
    {
        if (items is null)
        {
            return path;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var at = $"{path}[{i}]";
            if ((items[i] is null ? at : check(items[i], at)) is { } missing)
            {
                return missing;
            }
        }

        return null;
    }
}
