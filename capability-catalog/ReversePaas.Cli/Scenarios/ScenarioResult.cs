namespace ReversePaas.Cli.Scenarios;

/// <summary>What became of one scenario: PASS, FAIL with the first difference, or SKIP with the reason.</summary>
public sealed record ScenarioResult(string Name, string Verdict, string? Reason)
{
    // The verdicts as printed. A skipped scenario is one the target cannot replay (a clock move against a running host,
    // an event without a broker): the run reports it and never counts it as passed.
    public const string Passed = "PASS";
    public const string Failed = "FAIL";
    public const string Skipped = "SKIP";

    /// <summary>The line the run prints: <c>PASS name</c>, <c>FAIL name: difference</c>, <c>SKIP name: reason</c>.</summary>
    public override string ToString() => Reason is null ? $"{Verdict} {Name}" : $"{Verdict} {Name}: {Reason}";
}
