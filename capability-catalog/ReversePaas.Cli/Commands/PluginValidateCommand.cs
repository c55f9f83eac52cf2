using System.CommandLine;
using ReversePaas.CapabilityCatalog;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Plugins.Loading;
using ReversePaas.Sdk;

namespace ReversePaas.Cli.Commands;

/// <summary>
/// <c>plugin validate DIR</c>: loads one plugin folder, or every folder of a plugins directory, with the host's
/// own loader — manifest and its schema, Sdk compatibility, allow-list-free admission, dependencies, extension
/// discovery — and builds the extension snapshot against the identity mappings (conflicts, bindings). Exit 0
/// when every plugin loaded and no problem that concerns them is an Error, 1 otherwise, 2 for usage errors.
/// </summary>
internal static class PluginValidateCommand
{
    private const string ManifestFile = "plugin.json";

    // The runtime's problem for a plugin that did not load: the plugin list already says so.
    private const string PluginFailed = "plugin-failed";

    public static Command Create(CliContext context)
    {
        var directory = new Argument<string>("DIR")
        {
            Description = "One plugin folder (it holds plugin.json) or a plugins directory (one subfolder per plugin).",
        };
        var mappings = new Option<string?>("--mappings")
        {
            Description = "An identity-mappings folder to check conflicts and bindings against; without it, an empty mapping set (no rules, no bindings).",
            HelpName = "DIR",
        };
        var command = new Command("validate", "Load plugins with the host's loader and report, per plugin, whether it loads and why not; then conflicts and other problems.")
        {
            directory, mappings,
        };
        command.SetAction(context.Action((parse, cli, _) => Task.FromResult(Run(parse.GetRequiredValue(directory), parse.GetValue(mappings), cli))));
        return command;
    }

    private static int Run(string path, string? mappingsPath, CliOutput cli)
    {
        var target = Path.TrimEndingDirectorySeparator(CatalogSource.ExistingDirectory(path, "plugin folder or plugins directory"));
        var single = File.Exists(Path.Combine(target, ManifestFile));
        if (!single && Directory.GetDirectories(target).Length == 0)
        {
            throw new CliException($"'{target}' holds neither a {ManifestFile} nor any subfolder: give one plugin folder or a plugins directory.");
        }

        var mappings = mappingsPath is null ? null : CatalogSource.ExistingDirectory(mappingsPath, "identity mappings folder (--mappings)");
        cli.Progress(single
            ? $"Validating plugin folder {target} against {(mappings is null ? "an empty mapping set" : $"the identity mappings in {mappings}")}..."
            : $"Validating the plugin folders of {target} against {(mappings is null ? "an empty mapping set" : $"the identity mappings in {mappings}")}...");
        var result = Validate(target, single, mappings);
        cli.Document(result);
        Print(result, cli);
        return result.ExitCode;
    }

    /// <summary>
    /// Loads <paramref name="target"/> (one plugin folder when <paramref name="single"/>, else a plugins directory) with
    /// the host's loader and builds the snapshot against <paramref name="mappings"/> (null: the empty mapping set).
    /// </summary>
    internal static ValidateResult Validate(string target, bool single, string? mappings)
    {
        var workspace = Path.Combine(Path.GetTempPath(), $"reversepaas-validate-{Guid.NewGuid():N}");
        try
        {
            // The loader reads a plugins directory; a single plugin is validated alone, in a copy of its folder.
            var pluginsDirectory = target;
            string? copy = null;
            if (single)
            {
                pluginsDirectory = Path.Combine(workspace, "plugins");
                copy = Path.Combine(pluginsDirectory, Path.GetFileName(target));
                CopyDirectory(target, copy);
            }

            string Shown(string text) => copy is null ? text : text.Replace(copy, target, StringComparison.Ordinal);

            var effectiveMappings = mappings ?? EmptyMappings.Write(Path.Combine(workspace, "mappings"));
            using var runtime = CatalogSource.Open(pluginsDirectory, effectiveMappings, mappings ?? "the empty mapping set");
            var catalog = CatalogBuilder.Build(runtime.Extensions.Current, runtime.Plugins, runtime.Mappings.Rules, DateTimeOffset.UtcNow);
            return Evaluate(target, single, mappings, runtime.Plugins, runtime.Extensions.Current.Problems, catalog, Shown);
        }
        finally
        {
            TryDelete(workspace);
        }
    }

    private static ValidateResult Evaluate(
        string target, bool single, string? mappings, IReadOnlyList<PluginRecord> records, IReadOnlyList<ExtensionProblem> snapshotProblems,
        CatalogDocument catalog, Func<string, string> shown)
    {
        var ids = records.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var extensionIds = catalog.Extensions.Where(e => ids.Contains(e.Plugin)).Select(e => e.Id).ToList();
        var plugins = records
            .Select(r => new ValidatedPlugin(
                r.Id, r.Version, r.Manifest?.DisplayName, r.Manifest?.SdkVersion, r.State, r.Error is null ? null : shown(r.Error), shown(r.Path),
                [.. catalog.Extensions.Where(e => e.Plugin == r.Id).Select(e => e.Id)]))
            .ToList();

        // Without mappings no rule produces any identity, so "identity-not-produced" would be said of every extension.
        var problems = snapshotProblems
            .Where(p => mappings is not null || p.Code != "identity-not-produced")
            .Select(p => new ValidatedProblem(p.Severity, p.Code, shown(p.Message), p.Identity, p.Point, p.Source, !single || Concerns(p)))
            .ToList();
        var failed = plugins.Count(p => p.State != PluginState.Loaded);
        var errors = problems.Count(p => p.Counted && p.Severity == ProblemSeverity.Error && p.Code != PluginFailed);
        var valid = failed == 0 && errors == 0;
        return new ValidateResult(target, single, mappings, SdkVersion.Text, valid, failed, errors, plugins, problems, valid ? ExitCodes.Success : ExitCodes.Findings);

        // A single plugin is validated without the others, so bindings to their extensions fail: only problems
        // about this plugin (its own, or a conflict it is part of) decide the result.
        bool Concerns(ExtensionProblem problem)
            => (problem.Source is not null && ids.Contains(problem.Source))
                || (problem.Identity is not null && problem.Point is not null
                    && catalog.FindIdentity(problem.Identity)?.Resolutions.FirstOrDefault(r => r.Point == problem.Point) is { } resolution
                    && resolution.Plugins.Any(ids.Contains))
                || (problem.Code == "conflict" && extensionIds.Any(e => problem.Message.Contains($"'{e}'", StringComparison.Ordinal)));
    }

    internal static void Print(ValidateResult result, CliOutput cli)
    {
        cli.Line($"Plugins ({result.Plugins.Count}), host Sdk {result.HostSdkVersion}:");
        foreach (var plugin in result.Plugins)
        {
            var name = $"{plugin.Id} {plugin.Version ?? "(no version)"}";
            if (plugin.State == PluginState.Loaded)
            {
                cli.Line($"  Loaded  {name} (Sdk {plugin.SdkVersion}): {plugin.Extensions.Count} extension(s): {string.Join(", ", plugin.Extensions)}");
            }
            else
            {
                cli.Line($"  {plugin.State,-7} {name} in {plugin.Path}");
                foreach (var line in (plugin.Error ?? "").ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    cli.Line($"          {line}");
                }
            }
        }

        var problems = result.Problems.Where(p => p.Code != PluginFailed).ToList();
        if (problems.Count > 0)
        {
            cli.Line($"Problems ({problems.Count}):");
            foreach (var problem in problems.OrderByDescending(p => p.Counted).ThenByDescending(p => p.Severity))
            {
                cli.Line($"  {CatalogExportCommand.Severity(problem.Severity),-7} {problem.Code}: {problem.Message}"
                    + (problem.Counted ? "" : " (not counted: not about the validated plugin, which is checked without the others)"));
            }
        }

        cli.Line(result.Valid
            ? $"Result: valid: {result.Plugins.Count} plugin(s) loaded, no error problems."
            : $"Result: invalid: {result.FailedPlugins} plugin(s) failed to load, {result.ErrorProblems} error problem(s).");
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: on Windows a plugin DLL may stay locked until its context is collected; the OS temp
            // folder cleans up the rest.
        }
    }
}

/// <summary>The result of <c>plugin validate</c> (its <c>--json</c> document).</summary>
/// <param name="Target">The folder validated.</param>
/// <param name="SinglePlugin">True when it is one plugin folder (it holds plugin.json), false for a plugins directory.</param>
/// <param name="Mappings">The identity mappings folder checked against; null for the empty mapping set.</param>
/// <param name="HostSdkVersion">The Sdk version plugins are checked against.</param>
/// <param name="Valid">True when every plugin loaded and no counted problem is an Error (exit code 0).</param>
/// <param name="FailedPlugins">Plugins that did not load.</param>
/// <param name="ErrorProblems">Counted problems of severity Error, besides the <c>plugin-failed</c> of each failed plugin.</param>
/// <param name="Plugins">Every plugin folder and how its load went.</param>
/// <param name="Problems">The snapshot's problems.</param>
/// <param name="ExitCode">The exit code.</param>
public sealed record ValidateResult(
    string Target, bool SinglePlugin, string? Mappings, string HostSdkVersion, bool Valid, int FailedPlugins, int ErrorProblems,
    IReadOnlyList<ValidatedPlugin> Plugins, IReadOnlyList<ValidatedProblem> Problems, int ExitCode);

/// <summary>One plugin folder as validated.</summary>
/// <param name="Id">Its id (the folder name when the manifest could not be read).</param>
/// <param name="Version">Its version, if the manifest could be read.</param>
/// <param name="DisplayName">Its display name, if the manifest could be read.</param>
/// <param name="SdkVersion">The Sdk version it declares, if the manifest could be read.</param>
/// <param name="State">Loaded or Failed.</param>
/// <param name="Error">Why it failed; null when loaded.</param>
/// <param name="Path">Its folder.</param>
/// <param name="Extensions">The ids of its extensions.</param>
public sealed record ValidatedPlugin(
    string Id, string? Version, string? DisplayName, string? SdkVersion, PluginState State, string? Error, string Path, IReadOnlyList<string> Extensions);

/// <summary>A problem of the snapshot built from the validated plugins.</summary>
/// <param name="Severity">Warning or Error.</param>
/// <param name="Code">Its stable code (<c>conflict</c>, <c>plugin-failed</c>, …).</param>
/// <param name="Message">What is wrong and what to do.</param>
/// <param name="Identity">The identity concerned, if any.</param>
/// <param name="Point">The point concerned, if any.</param>
/// <param name="Source">The plugin id or mapping file concerned, if any.</param>
/// <param name="Counted">
/// True when it decides the result: always for a plugins directory; for a single plugin folder only when it is
/// about that plugin (bindings naming other plugins' extensions fail when the plugin is validated alone).
/// </param>
public sealed record ValidatedProblem(ProblemSeverity Severity, string Code, string Message, string? Identity, string? Point, string? Source, bool Counted);
