namespace ReversePaas.Cli;

/// <summary>The exit codes of every <c>reversepaas</c> command.</summary>
public static class ExitCodes
{
    /// <summary>Done, nothing to report: files written, no changes, every plugin valid.</summary>
    public const int Success = 0;

    /// <summary>Done, with findings: the catalog has Error problems, the catalogs differ, a plugin is invalid.</summary>
    public const int Findings = 1;

    /// <summary>Nothing done: bad usage or unusable input (missing folder, invalid identity mappings, not a catalog file).</summary>
    public const int Usage = 2;

    /// <summary>An unexpected failure (a bug in the tool): printed with its stack trace.</summary>
    public const int Internal = 3;

    /// <summary>Cancelled (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
