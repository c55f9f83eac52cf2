using System.Globalization;
using System.Text;
using ReversePaas.Kernel.AfterSales;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Kernel.Tests.Docs;

/// <summary>The part of docs/status-machine.md written from <see cref="AfterSaleStateMachine"/>: a table per type and the diagram.</summary>
internal static class StatusMachineReference
{
    public const string Start = "<!-- status-table:start (generated from AfterSaleStateMachine; see StatusMachineDocsTests) -->";
    public const string End = "<!-- status-table:end -->";

    // What a reader needs to know about a type that the table cannot say.
    private static readonly Dictionary<AfterSaleType, string> Notes = new()
    {
        [AfterSaleType.Cancel] = " (paid, not shipped; no review, no withdrawal)",
        [AfterSaleType.Exchange] = " (no money moves — line refunds and freight are 0.00 — unless the replacement is out of stock and the returned units are refunded)",
        [AfterSaleType.Repair] = " (no money moves unless the goods are irreparable and the units are refunded)",
    };

    public static string Generate()
    {
        var moves = AfterSaleStateMachine.All.OrderBy(m => m.Type).ThenBy(m => m.From).ThenBy(m => m.Command).ToList();
        var text = new StringBuilder("## The table, per type\n\n");
        foreach (var type in moves.Select(m => m.Type).Distinct())
        {
            text.Append("**").Append(type).Append("**").Append(Notes.GetValueOrDefault(type, "")).Append("\n\n");
            text.Append("| from | command | to |\n|---|---|---|\n");
            foreach (var move in moves.Where(m => m.Type == type))
            {
                text.Append(CultureInfo.InvariantCulture, $"| `{move.From}` | `{move.Command}` | `{move.To}` |\n");
            }

            text.Append('\n');
        }

        text.Append("## Diagram\n\n");
        text.Append("All types in one picture; a label in parentheses says for which types a move exists when the same command\n");
        text.Append("leads elsewhere for the others.\n\n");
        text.Append("```mermaid\nstateDiagram-v2\n");
        foreach (var initial in moves.Select(m => m.Type).Distinct().GroupBy(AfterSaleStateMachine.Initial))
        {
            text.Append(CultureInfo.InvariantCulture, $"    [*] --> {initial.Key}: {string.Join(", ", initial)}\n");
        }

        foreach (var edge in moves.GroupBy(m => (m.From, m.Command, m.To)).OrderBy(g => g.Key.From).ThenBy(g => g.Key.Command))
        {
            var elsewhere = moves.Any(m => m.From == edge.Key.From && m.Command == edge.Key.Command && m.To != edge.Key.To);
            var types = elsewhere ? $" ({string.Join(", ", edge.Select(m => m.Type))})" : "";
            text.Append(CultureInfo.InvariantCulture, $"    {edge.Key.From} --> {edge.Key.To}: {edge.Key.Command}{types}\n");
        }

        foreach (var terminal in Enum.GetValues<AfterSaleStatus>().Where(AfterSaleStateMachine.IsTerminal))
        {
            text.Append(CultureInfo.InvariantCulture, $"    {terminal} --> [*]\n");
        }

        return text.Append("```\n").ToString();
    }
}
