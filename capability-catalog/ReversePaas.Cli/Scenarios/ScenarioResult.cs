namespace ReversePaas.Cli.Scenarios;

/// <summary>What became of one scenario: PASS, FAIL with the first difference, or SKIP with the reason.</summary>
public sealed record ScenarioResult(string Name, string Verdict, string? Reason)
{
    public const string Pass = "PASS";
    public const string Fail = "FAIL";
    public const string Skip = "SKIP";

    /// <summary>The line the run prints: <c>PASS name</c>, <c>FAIL name: difference</c>, <c>SKIP name: reason</c>.</summary>
    public override string ToString() => Reason is null ? $"{Verdict} {Name}" : $"{Verdict} {Name}: {Reason}";
}
