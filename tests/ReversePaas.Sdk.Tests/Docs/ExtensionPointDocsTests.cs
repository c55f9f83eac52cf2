namespace ReversePaas.Sdk.Tests.Docs;

/// <summary>docs/extension-points.md is generated from the Sdk; this fails when they disagree.</summary>
public sealed class ExtensionPointDocsTests
{
    [Fact]
    public void The_extension_point_reference_matches_the_sdk()
    {
        var file = Path.Combine(RepositoryFolders.Root, "docs", "extension-points.md");
        var generated = ExtensionPointReference.Generate();
        if (Environment.GetEnvironmentVariable("REVERSEPAAS_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(file, generated);
        }

        File.Exists(file).Should().BeTrue("docs/extension-points.md is generated: REVERSEPAAS_UPDATE_DOCS=1 dotnet test tests/ReversePaas.Sdk.Tests --filter ExtensionPointDocs");
        File.ReadAllText(file).ReplaceLineEndings("\n").Should().Be(generated.ReplaceLineEndings("\n"),
            "the Sdk changed: regenerate with REVERSEPAAS_UPDATE_DOCS=1 dotnet test tests/ReversePaas.Sdk.Tests --filter ExtensionPointDocs");
    }

    [Fact]
    public void Every_extension_point_of_the_sdk_is_in_the_reference_with_its_context()
    {
        var generated = ExtensionPointReference.Generate();

        foreach (var code in new[] { "application.interceptor", "application.eligibility", "application.split-matcher", "application.refund-calculator",
                     "interception.order", "review.auto-approve", "review.router", "execution.refund", "execution.return-logistics" })
        {
            generated.Should().Contain($"## `{code}`");
        }

        generated.Should().Contain("| `MissingWeightGrams` | `int?` |").And.Contain("`InterceptAsync`:");
    }
}
