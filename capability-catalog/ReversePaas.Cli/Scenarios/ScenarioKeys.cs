namespace ReversePaas.Cli.Scenarios;

/// <summary>
/// API keys of a running host per actor: <c>--key User:u-1=KEY</c> for one subject, <c>--key Ops=KEY</c> for a whole
/// role, and the same pairs separated by ';' in <see cref="Variable"/> (read first; options win).
/// </summary>
internal static class ScenarioKeys
{
    public const string Variable = "REVERSEPAAS_SCENARIO_KEYS";

    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> options, string? variable)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (variable ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Concat(options))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == pair.Length - 1)
            {
                throw new CliException($"'{pair}' is not ACTOR=KEY: give e.g. --key Ops=dev-ops or --key User:u-1=dev-user-u1.");
            }

            keys[pair[..equals]] = pair[(equals + 1)..];
        }

        return keys;
    }
}
