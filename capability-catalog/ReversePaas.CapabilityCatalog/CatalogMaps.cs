using System.Text;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Sdk;

namespace ReversePaas.CapabilityCatalog;

/// <summary>
/// Identity → capability maps for architects: the identity, its four activities in order, each point, and the
/// extension(s) serving it with why. Same nodes and edges in every format.
/// </summary>
public static class CatalogMaps
{
    /// <summary>The formats <see cref="Render"/> writes.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["mermaid", "dot", "markdown"];

    /// <summary>Renders the map of <paramref name="identity"/> in <paramref name="format"/> (<c>mermaid</c>, <c>dot</c>, <c>markdown</c>).</summary>
    public static string Render(CatalogDocument catalog, CatalogIdentity identity, string format) => format switch
    {
        "mermaid" => Mermaid(catalog, identity),
        "dot" => Dot(catalog, identity),
        "markdown" => Markdown(catalog, identity),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, $"Formats: {string.Join(", ", Formats)}."),
    };

    /// <summary>Mermaid <c>flowchart LR</c> source.</summary>
    public static string Mermaid(CatalogDocument catalog, CatalogIdentity identity)
    {
        var text = new StringBuilder();
        Line(text, "flowchart LR");
        foreach (var item in Graph(catalog, identity))
        {
            Line(text, item switch
            {
                MapNode { Shape: NodeShape.Root } n => $"  {n.Id}([\"{n.Label}\"])",
                MapNode { Shape: NodeShape.Point } n => $"  {n.Id}{{{{\"{n.Label}\"}}}}",
                MapNode { Plugin: { } plugin } n => $"  {n.Id}[\"{n.Label}<br/>{plugin}\"]",
                MapNode n => $"  {n.Id}[\"{n.Label}\"]",
                MapEdge { Label: { } label } e => $"  {e.From} -- {label} --> {e.To}",
                MapEdge e => $"  {e.From} --> {e.To}",
                _ => throw new InvalidOperationException(item.ToString()),
            });
        }

        Line(text, "  classDef binding fill:#dbeafe,stroke:#1d4ed8");
        Line(text, "  classDef declared fill:#dcfce7,stroke:#15803d");
        Line(text, "  classDef inherited fill:#fef9c3,stroke:#a16207");
        Line(text, "  classDef kernel fill:#f3f4f6,stroke:#6b7280");
        Line(text, "  classDef conflict fill:#fee2e2,stroke:#b91c1c");
        foreach (var resolution in identity.Resolutions.Where(r => r.Extensions.Count > 0))
        {
            Line(text, $"  class {NodeId("pt", resolution.Point)} {ClassOf(resolution.Source)}");
        }

        return text.ToString();
    }

    /// <summary>Graphviz DOT source.</summary>
    public static string Dot(CatalogDocument catalog, CatalogIdentity identity)
    {
        var text = new StringBuilder();
        Line(text, $"digraph \"{Escape(identity.Identity)}\" {{");
        Line(text, "  rankdir=LR;");
        foreach (var item in Graph(catalog, identity))
        {
            Line(text, item switch
            {
                MapNode { Shape: NodeShape.Root } n => $"  {n.Id} [label=\"{n.Label}\", shape=oval];",
                MapNode { Shape: NodeShape.Point } n => $"  {n.Id} [label=\"{n.Label}\", shape=hexagon];",
                MapNode { Plugin: { } plugin } n => $"  {n.Id} [label=\"{n.Label}\\n{plugin}\", shape=box, style=rounded];",
                MapNode n => $"  {n.Id} [label=\"{n.Label}\", shape=box];",
                MapEdge { Label: { } label } e => $"  {e.From} -> {e.To} [label=\"{label}\"];",
                MapEdge e => $"  {e.From} -> {e.To};",
                _ => throw new InvalidOperationException(item.ToString()),
            });
        }

        Line(text, "}");
        return text.ToString();
    }

    // The one walk every diagram format renders: the identity, its activities in order, each point, what serves it.
    private static IEnumerable<object> Graph(CatalogDocument catalog, CatalogIdentity identity)
    {
        yield return new MapNode("id_root", Escape(identity.Identity), NodeShape.Root);
        var previous = "id_root";
        foreach (var activity in Activities(identity))
        {
            var node = $"act_{activity.Key}";
            yield return new MapNode(node, activity.Key.ToString(), NodeShape.Activity);
            yield return new MapEdge(previous, node, null);
            previous = node;
            foreach (var resolution in activity)
            {
                var point = NodeId("pt", resolution.Point);
                yield return new MapNode(point, Escape(resolution.Point), NodeShape.Point);
                yield return new MapEdge(node, point, null);
                foreach (var extension in resolution.Extensions)
                {
                    yield return new MapNode(NodeId("ext", extension), Escape(extension), NodeShape.Extension, Escape(PluginOf(catalog, extension)));
                    yield return new MapEdge(point, NodeId("ext", extension), resolution.Source.ToString());
                }
            }
        }
    }

    private enum NodeShape
    {
        Root,
        Activity,
        Point,
        Extension,
    }

    private sealed record MapNode(string Id, string Label, NodeShape Shape, string? Plugin = null);

    private sealed record MapEdge(string From, string To, string? Label);

    /// <summary>A Markdown table per activity, for pasting into design documents.</summary>
    public static string Markdown(CatalogDocument catalog, CatalogIdentity identity)
    {
        var text = new StringBuilder();
        Line(text, $"# {identity.Identity}");
        Line(text, "");
        Line(text, $"Catalog generation {catalog.Generation}, Sdk {catalog.SdkVersion}." + (identity.Parent is null ? "" : $" Parent: `{identity.Parent}`."));
        foreach (var activity in Activities(identity))
        {
            Line(text, "");
            Line(text, $"## {activity.Key}");
            Line(text, "");
            Line(text, "| point | combine | served by | plugin | why |");
            Line(text, "|---|---|---|---|---|");
            foreach (var resolution in activity)
            {
                var served = resolution.Extensions.Count == 0 ? "—" : string.Join(", ", resolution.Extensions.Select(e => $"`{e}`"));
                var plugins = resolution.Plugins.Count == 0 ? "—" : string.Join(", ", resolution.Plugins.Distinct());
                Line(text, $"| `{resolution.Point}` | {resolution.Combine} | {served} | {plugins} | {Why(resolution)} |");
            }
        }

        if (identity.Settings.Count > 0)
        {
            Line(text, "");
            Line(text, "## Settings");
            Line(text, "");
            foreach (var (key, value) in identity.Settings)
            {
                Line(text, $"- `{key}` = `{value}`");
            }
        }

        return text.ToString();
    }

    /// <summary>The reason in words.</summary>
    public static string Why(CatalogResolution resolution) => resolution.Source switch
    {
        ResolutionSource.Binding => $"bound in identity-mappings for `{resolution.DecidedAt}`",
        ResolutionSource.Declared => "declared by the plugin for this identity",
        ResolutionSource.Inherited => $"inherited from `{resolution.DecidedAt}`" + (resolution.ViaBinding ? " (binding)" : ""),
        ResolutionSource.KernelDefault => "kernel default",
        ResolutionSource.Conflict => $"**conflict**: {resolution.Conflict}",
        _ => resolution.Source.ToString(),
    };

    private static IEnumerable<IGrouping<Activity, CatalogResolution>> Activities(CatalogIdentity identity)
        => identity.Resolutions.GroupBy(r => r.Activity).OrderBy(g => g.Key);

    private static string PluginOf(CatalogDocument catalog, string extension)
        => catalog.Extensions.FirstOrDefault(e => e.Id == extension)?.Plugin ?? "?";

    private static string ClassOf(ResolutionSource source) => source switch
    {
        ResolutionSource.Binding => "binding",
        ResolutionSource.Declared => "declared",
        ResolutionSource.Inherited => "inherited",
        ResolutionSource.Conflict => "conflict",
        _ => "kernel",
    };

    // Mermaid and DOT ids: letters, digits and underscores only; the text goes in labels.
    private static string NodeId(string prefix, string name)
    {
        var id = new StringBuilder(prefix).Append('_');
        foreach (var c in name)
        {
            id.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }

        return id.ToString();
    }

    private static string Escape(string text) => text.Replace("\"", "'", StringComparison.Ordinal);

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
