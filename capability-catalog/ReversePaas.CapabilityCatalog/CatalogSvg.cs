using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using ReversePaas.Kernel.Extensions;

namespace ReversePaas.CapabilityCatalog;

/// <summary>
/// An identity's capability map as a standalone SVG, drawn here rather than by a browser or Graphviz so that
/// <c>catalog export</c> needs neither. A fixed layered layout: the identity on the left, its points in activity order
/// in the middle (under a heading per activity), and the extension(s) serving each point on the right with their
/// plugin, coloured by why they serve it. Deterministic: the same catalog gives the same bytes.
/// </summary>
public static class CatalogSvg
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    // Text widths are estimated from a monospace font (no font metrics without a renderer): 7.2 px per character at 12 px.
    private const double CharWidth = 7.2;
    private const double Margin = 20;
    private const double Gap = 70;
    private const double Padding = 10;
    private const double Row = 46;
    private const double BoxHeight = 36;
    private const double HeadingRow = 26;

    /// <summary>The SVG document of <paramref name="identity"/>'s map (UTF-8 text, no XML declaration needed).</summary>
    public static string Render(CatalogDocument catalog, CatalogIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(identity);
        var pluginOf = catalog.Extensions.GroupBy(e => e.Id).ToDictionary(g => g.Key, g => g.First().Plugin, StringComparer.Ordinal);
        var activities = identity.Resolutions.GroupBy(r => r.Activity).OrderBy(g => g.Key).ToList();

        var identitySubtitle = identity.Parent is null ? "identity" : "parent " + identity.Parent;
        var identityWidth = Math.Max(Width(identity.Identity), Width(identitySubtitle));
        var pointWidth = Math.Max(Width("activity"), identity.Resolutions.Select(r => Width(r.Point)).DefaultIfEmpty(0).Max());
        var extensionWidth = identity.Resolutions
            .SelectMany(r => r.Extensions.Select(e => Math.Max(Width(e), Width("plugin " + Plugin(pluginOf, e)))))
            .Append(Width("kernel default (no extension)")).Max();
        var pointX = Margin + identityWidth + Gap;
        var extensionX = pointX + pointWidth + Gap;

        var nodes = new List<XElement>();
        var edges = new List<XElement>();
        var pointCenters = new List<double>();
        var y = Margin;
        foreach (var activity in activities)
        {
            nodes.Add(Text(pointX, y + 16, activity.Key.ToString(), "activity", bold: true));
            y += HeadingRow;
            foreach (var resolution in activity)
            {
                var rows = Math.Max(1, resolution.Extensions.Count);
                var top = y + ((rows - 1) * Row / 2);
                var style = Style(resolution.Source);
                nodes.Add(Box(pointX, top, pointWidth, "point", style, resolution.Point, resolution.Combine.ToString().ToLowerInvariant() + " · " + resolution.Source));
                pointCenters.Add(top + (BoxHeight / 2));
                for (var i = 0; i < resolution.Extensions.Count; i++)
                {
                    var extension = resolution.Extensions[i];
                    var extensionTop = y + (i * Row);
                    nodes.Add(Box(extensionX, extensionTop, extensionWidth, "extension", style, extension, "plugin " + Plugin(pluginOf, extension)));
                    edges.Add(Line(pointX + pointWidth, top + (BoxHeight / 2), extensionX, extensionTop + (BoxHeight / 2)));
                }

                if (resolution.Extensions.Count == 0)
                {
                    nodes.Add(Text(extensionX, top + 22, resolution.Source == ResolutionSource.Conflict ? "refused (conflict)" : "kernel default (no extension)", "none", bold: false));
                }

                y += rows * Row;
            }
        }

        var height = Math.Max(y, Margin + BoxHeight) + Margin - (Row - BoxHeight);
        var identityTop = pointCenters.Count == 0 ? Margin : ((pointCenters.Min() + pointCenters.Max()) / 2) - (BoxHeight / 2);
        nodes.Insert(0, Box(Margin, identityTop, identityWidth, "identity", ("#ede9fe", "#6d28d9"), identity.Identity, identitySubtitle));
        foreach (var center in pointCenters)
        {
            edges.Add(Line(Margin + identityWidth, identityTop + (BoxHeight / 2), pointX, center));
        }

        var width = extensionX + extensionWidth + Margin;
        var svg = new XElement(Svg + "svg",
            new XAttribute("width", Number(width)),
            new XAttribute("height", Number(height)),
            new XAttribute("viewBox", $"0 0 {Number(width)} {Number(height)}"),
            new XAttribute("font-family", "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace"),
            new XAttribute("font-size", "12"),
            new XElement(Svg + "title", Clean($"{identity.Identity}: capability map (catalog generation {catalog.Generation}, Sdk {catalog.SdkVersion})")),
            new XElement(Svg + "rect", new XAttribute("width", "100%"), new XAttribute("height", "100%"), new XAttribute("fill", "#ffffff")),
            new XElement(Svg + "g", new XAttribute("class", "edges"), new XAttribute("stroke", "#9ca3af"), new XAttribute("fill", "none"), edges),
            new XElement(Svg + "g", new XAttribute("class", "nodes"), nodes));
        return svg.ToString(SaveOptions.None) + "\n";
    }

    private static XElement Box(double x, double y, double width, string kind, (string Fill, string Stroke) style, string title, string subtitle)
        => new(Svg + "g",
            new XAttribute("class", kind),
            new XElement(Svg + "rect",
                new XAttribute("x", Number(x)), new XAttribute("y", Number(y)), new XAttribute("width", Number(width)), new XAttribute("height", Number(BoxHeight)),
                new XAttribute("rx", "6"), new XAttribute("fill", style.Fill), new XAttribute("stroke", style.Stroke)),
            Text(x + Padding, y + 15, title, kind, bold: kind != "extension"),
            new XElement(Svg + "text",
                new XAttribute("x", Number(x + Padding)), new XAttribute("y", Number(y + 29)), new XAttribute("font-size", "10"), new XAttribute("fill", "#4b5563"),
                new XAttribute("class", kind + "-sub"), Clean(subtitle)));

    private static XElement Text(double x, double y, string text, string kind, bool bold)
        => new(Svg + "text",
            new XAttribute("x", Number(x)), new XAttribute("y", Number(y)), new XAttribute("class", kind + "-name"),
            bold ? new XAttribute("font-weight", "bold") : null,
            Clean(text));

    private static XElement Line(double x1, double y1, double x2, double y2)
        => new(Svg + "path", new XAttribute("d", $"M{Number(x1)},{Number(y1)} C{Number((x1 + x2) / 2)},{Number(y1)} {Number((x1 + x2) / 2)},{Number(y2)} {Number(x2)},{Number(y2)}"));

    private static (string Fill, string Stroke) Style(ResolutionSource source) => source switch
    {
        ResolutionSource.Binding => ("#dbeafe", "#1d4ed8"),
        ResolutionSource.Declared => ("#dcfce7", "#15803d"),
        ResolutionSource.Inherited => ("#fef9c3", "#a16207"),
        ResolutionSource.Conflict => ("#fee2e2", "#b91c1c"),
        _ => ("#f3f4f6", "#6b7280"),
    };

    private static string Plugin(Dictionary<string, string> pluginOf, string extension) => pluginOf.GetValueOrDefault(extension, "?");

    private static double Width(string text) => Math.Ceiling((text.Length * CharWidth) + (2 * Padding));

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    // Names come from plugins and mapping files: a character XML cannot hold would make the file unreadable.
    private static string Clean(string text)
        => string.Concat(text.Select(c => XmlConvert.IsXmlChar(c) ? c : '\uFFFD'));
}
