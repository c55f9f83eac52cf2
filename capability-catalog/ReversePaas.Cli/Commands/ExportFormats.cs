using ReversePaas.CapabilityCatalog;

namespace ReversePaas.Cli.Commands;

/// <summary>The formats of <c>catalog export --format</c>.</summary>
internal static class ExportFormats
{
    /// <summary>The catalog itself (always written).</summary>
    public const string Json = "json";

    /// <summary>Every format.</summary>
    public const string All = "all";

    /// <summary>The identity maps drawn as SVG (CLI only: the host serves map sources, the page draws them).</summary>
    public const string Svg = "svg";

    /// <summary>Every format <c>--format</c> accepts, in the order files are written.</summary>
    public static IReadOnlyList<string> Known { get; } = [Json, .. CatalogMaps.Formats, Svg];

    /// <summary>An identity's map in a map format.</summary>
    public static string Render(CatalogDocument catalog, CatalogIdentity identity, string format)
        => format == Svg ? CatalogSvg.Render(catalog, identity) : CatalogMaps.Render(catalog, identity, format);

    /// <summary>The file extension of a map format.</summary>
    public static string Extension(string format) => format switch
    {
        "mermaid" => ".mmd",
        "dot" => ".dot",
        "markdown" => ".md",
        Svg => ".svg",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not a map format."),
    };

    /// <summary>
    /// The formats asked for (each value may list several, comma-separated; <c>all</c> is every format), json
    /// first, then in <see cref="Known"/> order. Unknown names are returned in <paramref name="unknown"/>.
    /// </summary>
    public static IReadOnlyList<string> Parse(IEnumerable<string> values, out IReadOnlyList<string> unknown)
    {
        var asked = values
            .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(v => v.ToLowerInvariant())
            .ToList();
        unknown = [.. asked.Where(v => v != All && !Known.Contains(v)).Distinct()];
        return asked.Contains(All) ? Known : [.. Known.Where(f => f == Json || asked.Contains(f))];
    }
}
