using System.Text.RegularExpressions;

namespace ReversePaas.Cli.Tests.Support;

/// <summary>The nodes (id → label) and edges (from → to, label) of a Mermaid flowchart or a DOT digraph.</summary>
public sealed partial record Graph(IReadOnlyDictionary<string, string> Nodes, IReadOnlySet<(string From, string To)> Edges, IReadOnlyDictionary<(string From, string To), string> EdgeLabels)
{
    public static Graph ParseMermaid(string text)
    {
        var nodes = new Dictionary<string, string>(StringComparer.Ordinal);
        var edges = new HashSet<(string, string)>();
        var labels = new Dictionary<(string, string), string>();
        foreach (var line in Lines(text).Skip(1))
        {
            if (MermaidEdge().Match(line) is { Success: true } edge)
            {
                var key = (edge.Groups["from"].Value, edge.Groups["to"].Value);
                edges.Add(key);
                labels[key] = edge.Groups["label"].Value;
            }
            else if (MermaidNode().Match(line) is { Success: true } node)
            {
                nodes[node.Groups["id"].Value] = node.Groups["label"].Value;
            }
            else if (!line.TrimStart().StartsWith("classDef ", StringComparison.Ordinal) && !line.TrimStart().StartsWith("class ", StringComparison.Ordinal))
            {
                throw new FormatException($"Unexpected Mermaid line: {line}");
            }
        }

        return new Graph(nodes, edges, labels);
    }

    public static Graph ParseDot(string text)
    {
        var nodes = new Dictionary<string, string>(StringComparer.Ordinal);
        var edges = new HashSet<(string, string)>();
        var labels = new Dictionary<(string, string), string>();
        foreach (var line in Lines(text))
        {
            if (DotEdge().Match(line) is { Success: true } edge)
            {
                var key = (edge.Groups["from"].Value, edge.Groups["to"].Value);
                edges.Add(key);
                labels[key] = edge.Groups["label"].Value;
            }
            else if (DotNode().Match(line) is { Success: true } node)
            {
                nodes[node.Groups["id"].Value] = node.Groups["label"].Value;
            }
        }

        return new Graph(nodes, edges, labels);
    }

    private static string[] Lines(string text) => text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    // a --> b   |   a -- Label --> b
    [GeneratedRegex(@"^\s*(?<from>\w+)\s+(?:--\s+(?<label>\w+)\s+)?-->\s+(?<to>\w+)\s*$")]
    private static partial Regex MermaidEdge();

    // id["label"]   id(["label"])   id{{"label"}}
    [GeneratedRegex("""^\s*(?<id>\w+)(?:\[|\(\[|\{\{)"(?<label>[^"]*)"(?:\]|\]\)|\}\})\s*$""")]
    private static partial Regex MermaidNode();

    // a -> b;   a -> b [label="Label"];
    [GeneratedRegex("""^\s*(?<from>\w+)\s*->\s*(?<to>\w+)(?:\s*\[label="(?<label>[^"]*)"\])?;\s*$""")]
    private static partial Regex DotEdge();

    // id [label="...", ...];
    [GeneratedRegex("""^\s*(?<id>\w+)\s*\[label="(?<label>[^"]*)".*\];\s*$""")]
    private static partial Regex DotNode();
}
