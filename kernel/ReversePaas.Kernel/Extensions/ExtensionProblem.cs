namespace ReversePaas.Kernel.Extensions;

/// <summary>A problem found while building the extension registry or loading its inputs.</summary>
/// <param name="Severity">How bad it is.</param>
/// <param name="Code">Stable kebab-case code, e.g. <c>conflict</c>, <c>binding-unknown-extension</c>.</param>
/// <param name="Message">What is wrong and what to do about it.</param>
/// <param name="Identity">The identity concerned, if any.</param>
/// <param name="Point">The extension-point code concerned, if any.</param>
/// <param name="Source">The plugin id or mapping file concerned, if any.</param>
public sealed record ExtensionProblem(
    ProblemSeverity Severity,
    string Code,
    string Message,
    string? Identity = null,
    string? Point = null,
    string? Source = null);
