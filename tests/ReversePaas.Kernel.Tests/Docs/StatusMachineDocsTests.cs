using ReversePaas.Kernel.AfterSales;

namespace ReversePaas.Kernel.Tests.Docs;

/// <summary>docs/status-machine.md shows <see cref="AfterSaleStateMachine"/> as it is; this fails when they disagree.</summary>
public sealed class StatusMachineDocsTests
{
    private const string Regenerate = "regenerate with REVERSEPAAS_UPDATE_DOCS=1 dotnet test tests/ReversePaas.Kernel.Tests --filter StatusMachineDocs";

    [Fact]
    public void The_transition_tables_and_diagram_match_the_status_machine()
    {
        var file = Path.Combine(RepositoryFolders.Root, "docs", "status-machine.md");
        var doc = File.ReadAllText(file).ReplaceLineEndings("\n");
        var from = doc.IndexOf(StatusMachineReference.Start, StringComparison.Ordinal);
        var to = doc.IndexOf(StatusMachineReference.End, StringComparison.Ordinal);
        from.Should().BeGreaterThan(-1, $"docs/status-machine.md marks the generated part with {StatusMachineReference.Start}");
        to.Should().BeGreaterThan(from, $"docs/status-machine.md ends the generated part with {StatusMachineReference.End}");

        var generated = StatusMachineReference.Generate();
        if (Environment.GetEnvironmentVariable("REVERSEPAAS_UPDATE_DOCS") == "1")
        {
            doc = doc[..(from + StatusMachineReference.Start.Length)] + "\n" + generated + doc[to..];
            File.WriteAllText(file, doc);
        }

        doc[(from + StatusMachineReference.Start.Length)..doc.IndexOf(StatusMachineReference.End, StringComparison.Ordinal)].Trim('\n')
            .Should().Be(generated.TrimEnd('\n'), "the status machine changed: " + Regenerate);
    }

    [Fact]
    public void The_generated_part_names_every_move_of_the_machine()
    {
        var generated = StatusMachineReference.Generate();

        foreach (var move in AfterSaleStateMachine.All)
        {
            generated.Should().Contain($"| `{move.From}` | `{move.Command}` | `{move.To}` |");
            generated.Should().Contain($"{move.From} --> {move.To}: {move.Command}");
        }
    }
}
