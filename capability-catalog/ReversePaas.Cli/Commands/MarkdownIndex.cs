using System.Globalization;
using System.Text;
using ReversePaas.CapabilityCatalog;
using ReversePaas.Kernel.Extensions;

namespace ReversePaas.Cli.Commands;

/// <summary><c>index.md</c> of a Markdown export: the identities (linked to their maps), the plugins and every problem.</summary>
internal static class MarkdownIndex
{
    /// <summary>The file name.</summary>
    public const string Name = "index.md";

    public static string Render(CatalogDocument catalog)
    {
        var text = new StringBuilder();
        Line(text, "# Capability catalog");
        Line(text);
        Line(text, $"Generation {catalog.Generation}, Sdk {catalog.SdkVersion}, generated {catalog.GeneratedAt.ToString("u", CultureInfo.InvariantCulture)}: "
            + $"{catalog.Points.Count} points, {catalog.Extensions.Count} extensions, {catalog.Identities.Count} identities, {catalog.Plugins.Count} plugins.");
        Line(text);
        Line(text, "## Identities");
        Line(text);
        Line(text, "| identity | parent | produced by a rule | customised points |");
        Line(text, "|---|---|---|---|");
        foreach (var identity in catalog.Identities)
        {
            var customised = identity.Resolutions.Count(r => r.Source != ResolutionSource.KernelDefault);
            Line(text, $"| [{identity.Identity}]({FileNames.ForIdentity(identity.Identity, ".md")}) | {(identity.Parent is null ? "—" : $"`{identity.Parent}`")} "
                + $"| {(identity.ProducedByRule ? "yes" : "no")} | {customised} of {identity.Resolutions.Count} |");
        }

        Line(text);
        Line(text, "## Plugins");
        Line(text);
        if (catalog.Plugins.Count == 0)
        {
            Line(text, "None.");
        }
        else
        {
            Line(text, "| plugin | version | state | extensions | error |");
            Line(text, "|---|---|---|---|---|");
            foreach (var plugin in catalog.Plugins)
            {
                Line(text, $"| `{plugin.Id}` | {plugin.Version ?? "—"} | {plugin.State} | {plugin.Extensions.Count} | {Cell(plugin.Error ?? "")} |");
            }
        }

        Line(text);
        Line(text, "## Problems");
        Line(text);
        if (catalog.Problems.Count == 0)
        {
            Line(text, "None.");
        }

        foreach (var problem in catalog.Problems.OrderByDescending(p => p.Severity))
        {
            Line(text, $"- **{problem.Severity}** `{problem.Code}`: {problem.Message.ReplaceLineEndings(" ")}");
        }

        return text.ToString();
    }

    private static string Cell(string text) => text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal);

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}
