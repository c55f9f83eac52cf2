using System.CommandLine;
using System.Globalization;
using ReversePaas.CapabilityCatalog;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Plugins.Loading;

namespace ReversePaas.Cli.Commands;

/// <summary>
/// <c>catalog export</c>: loads identity mappings and plugins as the host would, builds the catalog and writes
/// <c>catalog.json</c> plus one map per identity and format. Exit 0 when written, 1 when the catalog has Error
/// problems (the files are still written), 2 for usage or input errors.
/// </summary>
internal static class CatalogExportCommand
{
    public static Command Create(CliContext context)
    {
        var plugins = new Option<string>("--plugins")
        {
            Description = "The plugins directory: one subfolder per plugin (as deployed beside the host).",
            HelpName = "DIR",
            Required = true,
        };
        var mappings = new Option<string>("--mappings")
        {
            Description = "The identity-mappings folder (identities.json, bindings/, their schemas).",
            HelpName = "DIR",
            Required = true,
        };
        var format = new Option<string[]>("--format", "-f")
        {
            Description = "json (the default; catalog.json is always written), mermaid, dot, markdown, svg (each map drawn) or all. "
                + "Repeat the option or separate with commas: --format mermaid,dot.",
            HelpName = "FORMAT",
            DefaultValueFactory = _ => [ExportFormats.Json],
        };
        format.Validators.Add(result =>
        {
            ExportFormats.Parse(result.Tokens.Select(t => t.Value), out var unknown);
            if (unknown.Count > 0)
            {
                result.AddError($"Unknown format{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown.Select(u => $"'{u}'"))} for --format; "
                    + $"use {string.Join(", ", ExportFormats.Known)} or {ExportFormats.All}.");
            }
        });
        var output = new Option<string>("--out", "-o")
        {
            Description = "The folder to write to (created if missing; files of the same name are replaced).",
            HelpName = "DIR",
            Required = true,
        };

        var command = new Command("export", "Export the catalog (catalog.json) and per-identity maps, without running the host.")
        {
            plugins, mappings, format, output,
        };
        command.SetAction(context.Action((parse, cli, cancellationToken) => RunAsync(
            parse.GetRequiredValue(plugins), parse.GetRequiredValue(mappings), parse.GetValue(format) ?? [], parse.GetRequiredValue(output), cli, cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(string pluginsPath, string mappingsPath, string[] formatValues, string outPath, CliOutput cli, CancellationToken cancellationToken)
    {
        var pluginsDirectory = CatalogSource.ExistingDirectory(pluginsPath, "plugins directory (--plugins)");
        var mappingsDirectory = CatalogSource.ExistingDirectory(mappingsPath, "identity mappings folder (--mappings)");
        var outDirectory = Path.GetFullPath(outPath);
        var formats = ExportFormats.Parse(formatValues, out _);

        cli.Progress($"Loading identity mappings from {mappingsDirectory}...");
        cli.Progress($"Loading plugins from {pluginsDirectory}...");
        CatalogDocument catalog;
        using (var runtime = CatalogSource.Open(pluginsDirectory, mappingsDirectory))
        {
            catalog = CatalogBuilder.Build(runtime.Extensions.Current, runtime.Plugins, runtime.Mappings.Rules, DateTimeOffset.UtcNow);
        }

        var loaded = catalog.Plugins.Count(p => p.State == PluginState.Loaded);
        cli.Progress($"Loaded {loaded} of {catalog.Plugins.Count} plugin(s): {catalog.Points.Count} points, {catalog.Extensions.Count} extensions, {catalog.Identities.Count} identities.");

        var files = Plan(catalog, formats, outDirectory);
        cli.Progress($"Writing {files.Count} file(s) to {outDirectory}...");
        try
        {
            Directory.CreateDirectory(outDirectory);
            foreach (var file in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await File.WriteAllTextAsync(file.File.Path, file.Content, CatalogFile.Encoding, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot write to '{outDirectory}': {ex.Message}", innerException: ex);
        }

        var summary = Summarise(catalog, pluginsDirectory, mappingsDirectory, outDirectory, formats, [.. files.Select(f => f.File)]);
        cli.Document(summary);
        Print(summary, cli);
        if (summary.HasErrors)
        {
            cli.Note($"The catalog has {summary.Counts.Errors} error problem(s) (listed in the summary); the files were written anyway. Exit code 1.");
        }

        return summary.ExitCode;
    }

    private static List<(ExportedFile File, string Content)> Plan(CatalogDocument catalog, IReadOnlyList<string> formats, string outDirectory)
    {
        var files = new List<(ExportedFile, string)>
        {
            (new ExportedFile(Path.Combine(outDirectory, CatalogFile.Name), ExportFormats.Json, null), CatalogJson.Serialize(catalog) + "\n"),
        };
        foreach (var format in formats.Where(f => f != ExportFormats.Json))
        {
            foreach (var identity in catalog.Identities)
            {
                var path = Path.Combine(outDirectory, FileNames.ForIdentity(identity.Identity, ExportFormats.Extension(format)));
                files.Add((new ExportedFile(path, format, identity.Identity), ExportFormats.Render(catalog, identity, format)));
            }

            if (format == "markdown")
            {
                files.Add((new ExportedFile(Path.Combine(outDirectory, MarkdownIndex.Name), format, null), MarkdownIndex.Render(catalog)));
            }
        }

        return files;
    }

    private static ExportSummary Summarise(
        CatalogDocument catalog, string plugins, string mappings, string outDirectory, IReadOnlyList<string> formats, IReadOnlyList<ExportedFile> files)
    {
        var errors = catalog.Problems.Count(p => p.Severity == ProblemSeverity.Error);
        var counts = new ExportCounts(
            catalog.Points.Count,
            catalog.Extensions.Count,
            catalog.Extensions.Count(e => e.Plugin == "kernel"),
            catalog.Identities.Count,
            catalog.Plugins.Count,
            catalog.Plugins.Count(p => p.State == PluginState.Loaded),
            catalog.Plugins.Count(p => p.State == PluginState.Failed),
            catalog.Problems.Count,
            errors,
            catalog.Problems.Count - errors);
        return new ExportSummary(
            outDirectory, plugins, mappings, formats, catalog.Generation, catalog.SdkVersion, counts, files, catalog.Problems,
            errors > 0, errors > 0 ? ExitCodes.Findings : ExitCodes.Success);
    }

    private static void Print(ExportSummary summary, CliOutput cli)
    {
        var c = summary.Counts;
        cli.Line($"Catalog exported to {summary.OutputDirectory} (generation {summary.Generation}, Sdk {summary.SdkVersion}).");
        cli.Line($"  points      {c.Points}");
        cli.Line($"  extensions  {c.Extensions} ({c.KernelDefaults} kernel default{(c.KernelDefaults == 1 ? "" : "s")})");
        cli.Line($"  identities  {c.Identities}");
        cli.Line($"  plugins     {c.Plugins} ({c.PluginsLoaded} loaded, {c.PluginsFailed} failed)");
        cli.Line($"  problems    {c.Problems} ({c.Errors} error{(c.Errors == 1 ? "" : "s")}, {c.Warnings} warning{(c.Warnings == 1 ? "" : "s")})");
        cli.Line($"Files written ({summary.Files.Count}):");
        foreach (var file in summary.Files)
        {
            cli.Line($"  {Path.GetRelativePath(summary.OutputDirectory, file.Path)}");
        }

        if (summary.Problems.Count > 0)
        {
            cli.Line("Problems:");
            foreach (var problem in summary.Problems.OrderByDescending(p => p.Severity))
            {
                cli.Line($"  {Severity(problem.Severity),-7} {problem.Code}: {problem.Message}");
            }
        }

        cli.Line(summary.HasErrors
            ? $"Result: written, but the catalog has {c.Errors} error problem(s)."
            : "Result: written.");
    }

    /// <summary>A severity as printed.</summary>
    public static string Severity(ProblemSeverity severity) => severity.ToString().ToLower(CultureInfo.InvariantCulture);
}

/// <summary>The result of <c>catalog export</c> (its <c>--json</c> document).</summary>
/// <param name="OutputDirectory">Where the files are.</param>
/// <param name="PluginsDirectory">The plugins directory read.</param>
/// <param name="MappingsDirectory">The identity mappings folder read.</param>
/// <param name="Formats">The formats written (json always).</param>
/// <param name="Generation">The catalog's snapshot generation.</param>
/// <param name="SdkVersion">The Sdk version the catalog was built with.</param>
/// <param name="Counts">What the catalog holds.</param>
/// <param name="Files">Every file written.</param>
/// <param name="Problems">Every problem of the catalog.</param>
/// <param name="HasErrors">True when a problem is an Error (exit code 1).</param>
/// <param name="ExitCode">The exit code.</param>
public sealed record ExportSummary(
    string OutputDirectory, string PluginsDirectory, string MappingsDirectory, IReadOnlyList<string> Formats, long Generation, string SdkVersion,
    ExportCounts Counts, IReadOnlyList<ExportedFile> Files, IReadOnlyList<CatalogProblem> Problems, bool HasErrors, int ExitCode);

/// <summary>What an exported catalog holds.</summary>
/// <param name="Points">Extension points.</param>
/// <param name="Extensions">Extensions, kernel defaults included.</param>
/// <param name="KernelDefaults">Of which kernel defaults.</param>
/// <param name="Identities">Identities.</param>
/// <param name="Plugins">Plugin folders.</param>
/// <param name="PluginsLoaded">Of which loaded.</param>
/// <param name="PluginsFailed">Of which failed.</param>
/// <param name="Problems">Problems.</param>
/// <param name="Errors">Of which errors.</param>
/// <param name="Warnings">Of which warnings.</param>
public sealed record ExportCounts(
    int Points, int Extensions, int KernelDefaults, int Identities, int Plugins, int PluginsLoaded, int PluginsFailed, int Problems, int Errors, int Warnings);

/// <summary>One file written by <c>catalog export</c>.</summary>
/// <param name="Path">Its full path.</param>
/// <param name="Format">json, mermaid, dot, markdown or svg.</param>
/// <param name="Identity">The identity it maps; null for <c>catalog.json</c> and <c>index.md</c>.</param>
public sealed record ExportedFile(string Path, string Format, string? Identity);
