using System.Text.Json;
using ReversePaas.CapabilityCatalog;

namespace ReversePaas.Cli;

/// <summary>
/// Where one command writes. Results go to stdout: text for people, or with <c>--json</c> one JSON document and
/// nothing else. Progress, warnings and error sentences go to stderr, so they never mix with a result that is
/// piped or redirected.
/// </summary>
internal sealed class CliOutput(TextWriter stdout, TextWriter stderr, bool json)
{
    /// <summary>True with <c>--json</c>: stdout carries one JSON document only.</summary>
    public bool Json { get; } = json;

    /// <summary>A progress line (stderr).</summary>
    public void Progress(string line) => stderr.WriteLine(line);

    /// <summary>A line of the human-readable result (stdout); nothing with <c>--json</c>.</summary>
    public void Line(string line = "")
    {
        if (!Json)
        {
            stdout.WriteLine(line);
        }
    }

    /// <summary>Human-readable text as is (stdout); nothing with <c>--json</c>.</summary>
    public void Text(string text)
    {
        if (!Json)
        {
            stdout.Write(text);
        }
    }

    /// <summary>A note for people (stderr), shown with and without <c>--json</c>.</summary>
    public void Note(string line) => stderr.WriteLine(line);

    /// <summary>The result as one JSON document (stdout), only with <c>--json</c>.</summary>
    public void Document<T>(T value)
    {
        if (Json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(value, CatalogJson.Options));
        }
    }

    /// <summary>Reports an expected failure: the sentence and its details on stderr, and with <c>--json</c> as a document.</summary>
    public int Fail(string message, IReadOnlyList<string> details, int exitCode)
    {
        stderr.WriteLine($"Error: {message}");
        foreach (var detail in details)
        {
            stderr.WriteLine($"  {detail}");
        }

        Document(new CliError(message, details, exitCode));
        return exitCode;
    }
}

/// <summary>The <c>--json</c> document of a command that could not run.</summary>
/// <param name="Error">What went wrong, as a sentence.</param>
/// <param name="Details">Every detail (for invalid identity mappings: <c>file $.path: reason</c>).</param>
/// <param name="ExitCode">The exit code.</param>
public sealed record CliError(string Error, IReadOnlyList<string> Details, int ExitCode);
