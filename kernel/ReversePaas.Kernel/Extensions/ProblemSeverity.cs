namespace ReversePaas.Kernel.Extensions;

/// <summary>How bad a reported problem is.</summary>
public enum ProblemSeverity
{
    /// <summary>Worth a look; nothing is refused (e.g. an unreachable identity rule).</summary>
    Warning = 0,

    /// <summary>Something is refused or ignored (a conflict, a binding to nothing): the host is not ready.</summary>
    Error = 1,
}
