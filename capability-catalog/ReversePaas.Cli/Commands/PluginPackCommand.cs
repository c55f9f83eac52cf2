using System.CommandLine;
using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;

namespace ReversePaas.Cli.Commands;

/// <summary>
/// <c>plugin pack PROJECT-DIR --out DIR</c>: builds the plugin project (<c>dotnet build</c>), validates the build output
/// with the host's loader (as <c>plugin validate</c> does), and writes <c>&lt;id&gt;.&lt;version&gt;.rpplugin</c>: a
/// zip with <c>plugin.json</c> at its root and the plugin's files beside it, ready for
/// <c>POST /api/v1/plugins/packages</c>. Exit 0 when packed, 1 when the plugin does not validate, 2 for usage errors or
/// a failed build.
/// </summary>
internal static class PluginPackCommand
{
    /// <summary>The package file's extension.</summary>
    public const string Extension = ".rpplugin";

    private const string ManifestFile = "plugin.json";

    private static readonly DateTimeOffset FixedEntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // The host hands every plugin its own Sdk; a copy in the package would never be used, so it is left out.
    private const string SdkAssembly = "ReversePaas.Sdk.dll";

    public static Command Create(CliContext context)
    {
        var project = new Argument<string>("PROJECT-DIR")
        {
            Description = "The plugin's project folder (it holds one .csproj and plugin.json).",
        };
        var output = new Option<string>("--out")
        {
            Description = "The folder to write <id>.<version>.rpplugin to (created if missing).",
            HelpName = "DIR",
            Required = true,
        };
        var configuration = new Option<string>("--configuration", "-c")
        {
            Description = "The build configuration.",
            DefaultValueFactory = _ => "Release",
        };
        var command = new Command("pack", "Build a plugin project, validate it with the host's loader, and pack it as <id>.<version>.rpplugin.")
        {
            project, output, configuration,
        };
        command.SetAction(context.Action((parse, cli, cancellationToken) =>
            RunAsync(parse.GetRequiredValue(project), parse.GetRequiredValue(output), parse.GetRequiredValue(configuration), cli, cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(string projectPath, string outputPath, string configuration, CliOutput cli, CancellationToken cancellationToken)
    {
        var projectDirectory = CatalogSource.ExistingDirectory(projectPath, "plugin project folder");
        var projectFile = ProjectFileIn(projectDirectory);
        var workspace = Path.Combine(Path.GetTempPath(), $"reversepaas-pack-{Guid.NewGuid():N}");
        try
        {
            var built = Path.Combine(workspace, Path.GetFileNameWithoutExtension(projectFile));
            cli.Progress($"Building {projectFile} ({configuration})...");
            await BuildAsync(projectFile, configuration, built, cancellationToken);

            cli.Progress($"Validating the build output with the host's loader...");
            var validation = PluginValidateCommand.Validate(built, single: true, mappings: null);
            var plugin = validation.Plugins.Single();
            if (!validation.Valid || plugin.Version is null)
            {
                cli.Document(validation);
                PluginValidateCommand.Print(validation, cli);
                cli.Note("Not packed: the plugin does not load as the host would load it.");
                return ExitCodes.Findings;
            }

            Directory.CreateDirectory(outputPath);
            var package = Path.Combine(Path.GetFullPath(outputPath), $"{plugin.Id}.{plugin.Version}{Extension}");
            var files = WritePackage(built, package);
            var result = new PackResult(package, plugin.Id, plugin.Version, await Sha256Async(package, cancellationToken), new FileInfo(package).Length, files, plugin.Extensions);
            cli.Document(result);
            cli.Line($"Packed {plugin.Id} {plugin.Version}: {package}");
            cli.Line($"  {files.Count} file(s), {result.Bytes} bytes, sha256 {result.Sha256}");
            cli.Line($"  extensions: {string.Join(", ", plugin.Extensions)}");
            return ExitCodes.Success;
        }
        finally
        {
            TryDelete(workspace);
        }
    }

    private static string ProjectFileIn(string directory)
    {
        var projects = Directory.GetFiles(directory, "*.csproj", SearchOption.TopDirectoryOnly);
        return projects.Length switch
        {
            1 => projects[0],
            0 => throw new CliException($"'{directory}' holds no .csproj: give the plugin's project folder."),
            _ => throw new CliException($"'{directory}' holds {projects.Length} .csproj files: give a folder with the plugin's project only.", [.. projects.Select(Path.GetFileName).OfType<string>()]),
        };
    }

    private static async Task BuildAsync(string projectFile, string configuration, string outputDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "build", projectFile, "-c", configuration, "-o", outputDirectory, "-nologo", "-v", "quiet" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new CliException("Could not start 'dotnet build': is the .NET SDK on PATH?");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            var lines = $"{await stdout}\n{await stderr}".ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            throw new CliException($"'dotnet build {Path.GetFileName(projectFile)}' failed (exit code {process.ExitCode}).", [.. lines.TakeLast(40)]);
        }
    }

    /// <summary>Zips the build output with <c>plugin.json</c> first, the rest sorted.</summary>
    private static List<string> WritePackage(string built, string package)
    {
        var files = Directory.EnumerateFiles(built, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(built, f).Replace('\\', '/'))
            .Where(f => !string.Equals(Path.GetFileName(f), SdkAssembly, StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f == ManifestFile ? 0 : 1).ThenBy(f => f, StringComparer.Ordinal)
            .ToList();
        var partial = package + ".partial";
        using (var zip = ZipFile.Open(partial, ZipArchiveMode.Create))
        {
            foreach (var file in files)
            {
                // A fixed time, not the build's: the same build output packs to the same bytes (and SHA-256).
                var entry = zip.CreateEntry(file, CompressionLevel.Optimal);
                entry.LastWriteTime = FixedEntryTime;
                using var source = File.OpenRead(Path.Combine(built, file));
                using var target = entry.Open();
                source.CopyTo(target);
            }
        }

        // Written beside and moved: a reader never sees half a package under the final name.
        File.Move(partial, package, overwrite: true);
        return files;
    }

    private static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
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
            // Best effort, as for plugin validate.
        }
    }
}

/// <summary>The result of <c>plugin pack</c> (its <c>--json</c> document).</summary>
/// <param name="Package">The package file written.</param>
/// <param name="Id">The plugin id (plugin.json).</param>
/// <param name="Version">The plugin version (plugin.json).</param>
/// <param name="Sha256">The package's SHA-256, lower-case hex: what an allow-list lists.</param>
/// <param name="Bytes">The package's size.</param>
/// <param name="Files">The files in the package, plugin.json first.</param>
/// <param name="Extensions">The ids of the plugin's extensions.</param>
public sealed record PackResult(string Package, string Id, string Version, string Sha256, long Bytes, IReadOnlyList<string> Files, IReadOnlyList<string> Extensions);
