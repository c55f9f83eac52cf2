using System.Reflection;
using System.Text.RegularExpressions;
using ReversePaas.Kernel.Domain;

namespace ReversePaas.Kernel.Tests.Docs;

/// <summary>The 409 reasons clients branch on: constants in <see cref="ReasonCodes"/>, used everywhere, listed in docs/errors.md.</summary>
public sealed partial class ReasonCodeDocsTests
{
    private const string Start = "<!-- reason-codes:start -->";
    private const string End = "<!-- reason-codes:end -->";

    [Fact]
    public void Every_reason_constant_is_listed_once_with_what_it_refuses()
    {
        var constants = typeof(ReasonCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        constants.Should().HaveCountGreaterThan(15);
        ReasonCodes.All.Select(r => r.Reason).Should().BeEquivalentTo(constants).And.OnlyHaveUniqueItems();
        ReasonCodes.All.Should().OnlyContain(r => r.Refused.Length > 10);
        constants.Should().OnlyContain(c => KebabCase().IsMatch(c));
    }

    [Fact]
    public void Docs_errors_md_lists_the_reasons_as_the_code_has_them()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryFolders.Root, "docs", "errors.md")).ReplaceLineEndings("\n");
        var from = doc.IndexOf(Start, StringComparison.Ordinal);
        var to = doc.IndexOf(End, StringComparison.Ordinal);
        from.Should().BeGreaterThan(-1, $"docs/errors.md marks the reason table with {Start}");
        to.Should().BeGreaterThan(from, $"docs/errors.md ends the reason table with {End}");

        doc[(from + Start.Length)..to].Trim('\n').Should().Be(
            ReasonCodes.ToMarkdown().TrimEnd('\n'),
            "docs/errors.md must show ReasonCodes.All as it is (paste ReasonCodes.ToMarkdown() between the markers)");
    }

    [Fact]
    public void No_business_rule_is_refused_with_a_reason_spelled_out_in_place()
    {
        var spelled = new[] { "kernel", "extensions" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepositoryFolders.Root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => LiteralReason().Matches(File.ReadAllText(file)).Select(m => $"{Path.GetRelativePath(RepositoryFolders.Root, file)}: {m.Value}"))
            .ToList();

        spelled.Should().BeEmpty("a reason clients see is a ReasonCodes constant, so it is listed and documented");
    }

    [GeneratedRegex("^[a-z]+(-[a-z]+)*$")]
    private static partial Regex KebabCase();

    [GeneratedRegex("""DomainRuleException\(\s*("|\$")""")]
    private static partial Regex LiteralReason();
}
