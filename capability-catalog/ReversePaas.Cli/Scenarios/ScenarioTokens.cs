using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ReversePaas.Cli.Scenarios;

/// <summary>
/// The placeholders of one scenario's run: <c>{orderId}</c> (unique per run, so a scenario runs again on the same
/// host), each saved after-sale (<c>{sale}</c>), and times on the target's clock (<c>{now}</c>, <c>{now-2h}</c>,
/// <c>{now+7d}</c>), so a scenario means the same on an in-process kernel and on a host whose clock is today.
/// </summary>
internal sealed partial class ScenarioTokens(string orderId, Func<DateTimeOffset> now)
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal) { ["orderId"] = orderId };

    public string OrderId { get; } = orderId;

    public void Save(string name, string afterSaleId) => _names[name] = afterSaleId;

    public string? Saved(string name) => _names.GetValueOrDefault(name);

    /// <summary>Replaces every placeholder of <paramref name="text"/>; an unknown one is a fault of the scenario.</summary>
    public string Replace(string text) => Token().Replace(text, match =>
    {
        if (match.Groups["now"].Success)
        {
            var offset = match.Groups["offset"].Success && ScenarioDuration.TryParse(match.Groups["offset"].Value[1..], out var by) ? by : TimeSpan.Zero;
            var at = match.Groups["offset"].Value.StartsWith('-') ? now() - offset : now() + offset;
            return at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        }

        var name = match.Groups["name"].Value;
        return _names.TryGetValue(name, out var value) ? value
            : throw new ScenarioFault($"{{{name}}} is not known here: only {{orderId}}, {{now±…}} and names saved by earlier steps");
    });

    /// <summary>A copy of <paramref name="node"/> with every string's placeholders replaced.</summary>
    public JsonNode? Replace(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Replace(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Replace)]),
        JsonValue v when v.TryGetValue<string>(out var s) => JsonValue.Create(Replace(s)),
        _ => node.DeepClone(),
    };

    [GeneratedRegex(@"\{(?:(?<now>now)(?<offset>[+-][0-9]+[smhd])?|(?<name>[A-Za-z][A-Za-z0-9_-]*))\}")]
    private static partial Regex Token();
}
