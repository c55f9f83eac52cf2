using ReversePaas.Kernel.Extensions;

namespace ReversePaas.CapabilityCatalog;

/// <summary>Something ops or architects should look at.</summary>
public sealed record CatalogProblem(ProblemSeverity Severity, string Code, string Message, string? Identity, string? Point, string? Source);
