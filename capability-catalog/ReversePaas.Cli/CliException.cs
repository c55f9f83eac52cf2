namespace ReversePaas.Cli;

/// <summary>
/// An expected failure: bad usage or unusable input. Shown as a sentence (and its details, one per line), never
/// as a stack trace, and ends the command with <see cref="ExitCode"/>.
/// </summary>
internal sealed class CliException : Exception
{
    public CliException(string message, IReadOnlyList<string>? details = null, int exitCode = ExitCodes.Usage, Exception? innerException = null)
        : base(message, innerException)
    {
        Details = details ?? [];
        ExitCode = exitCode;
    }

    /// <summary>One line each: the file, JSON path and reason of every error, and the like.</summary>
    public IReadOnlyList<string> Details { get; }

    /// <summary>The exit code to end with.</summary>
    public int ExitCode { get; }
}
