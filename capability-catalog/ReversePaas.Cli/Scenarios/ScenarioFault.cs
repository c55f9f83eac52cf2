namespace ReversePaas.Cli.Scenarios;

/// <summary>Ends one scenario as FAIL with <see cref="Exception.Message"/> as its first difference; the run goes on.</summary>
internal sealed class ScenarioFault(string message) : Exception(message);
