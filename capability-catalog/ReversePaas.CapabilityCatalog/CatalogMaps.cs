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
        Line(text, $"  id_root([\"{Escape(identity.Identity)}\"])");
        var previous = "id_root";
        foreach (var activity in Activities(identity))
        {
            var node = $"act_{activity.Key}";
            Line(text, $"  {node}[\"{activity.Key}\"]");
            Line(text, $"  {previous} --> {node}");
            previous = node;
            foreach (var resolution in activity)
            {
                var point = NodeId("pt", resolution.Point);
                Line(text, $"  {point}{{{{\"{Escape(resolution.Point)}\"}}}}");
                Line(text, $"  {node} --> {point}");
                foreach (var extension in resolution.Extensions)
                {
                    Line(text, $"  {NodeId("ext", extension)}[\"{Escape(extension)}<br/>{Escape(PluginOf(catalog, extension))}\"]");
                    Line(text, $"  {point} -- {resolution.Source} --> {NodeId("ext", extension)}");
                }
            }
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
        Line(text, $"  id_root [label=\"{Escape(identity.Identity)}\", shape=oval];");
        var previous = "id_root";
        foreach (var activity in Activities(identity))
        {
            var node = $"act_{activity.Key}";
            Line(text, $"  {node} [label=\"{activity.Key}\", shape=box];");
            Line(text, $"  {previous} -> {node};");
            previous = node;
            foreach (var resolution in activity)
            {
                var point = NodeId("pt", resolution.Point);
                Line(text, $"  {point} [label=\"{Escape(resolution.Point)}\", shape=hexagon];");
                Line(text, $"  {node} -> {point};");
                foreach (var extension in resolution.Extensions)
                {
                    Line(text, $"  {NodeId("ext", extension)} [label=\"{Escape(extension)}\\n{Escape(PluginOf(catalog, extension))}\", shape=box, style=rounded];");
                    Line(text, $"  {point} -> {NodeId("ext", extension)} [label=\"{resolution.Source}\"];");
                }
            }
        }

        Line(text, "}");
        return text.ToString();
    }

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
