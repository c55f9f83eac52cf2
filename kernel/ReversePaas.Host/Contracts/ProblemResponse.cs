using ReversePaas.Kernel.Extensions;

namespace ReversePaas.Host.Contracts;

/// <summary>A registry problem (conflict, bad binding, failed plugin) as the API shows it.</summary>
internal sealed record ProblemResponse(ProblemSeverity Severity, string Code, string Message, string? Identity, string? Point, string? Source)
{
    public static ProblemResponse From(ExtensionProblem problem)
        => new(problem.Severity, problem.Code, problem.Message, problem.Identity, problem.Point, problem.Source);
}
