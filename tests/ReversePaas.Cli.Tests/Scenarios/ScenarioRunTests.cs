using System.Text.Json.Nodes;
using ReversePaas.Cli.Tests.Support;

namespace ReversePaas.Cli.Tests.Scenarios;

/// <summary>
/// <c>reversepaas scenario run</c> itself: a wrong expectation fails with its first difference, a malformed file stops
/// the run naming file and JSON path, a folder without scenarios is a failure, not a pass.
/// </summary>
public sealed class ScenarioRunTests
{
    [Fact]
    public async Task A_wrong_expectation_fails_naming_the_first_difference_while_the_right_one_passes()
    {
        using var temp = new TempFolder();
        ScenarioFiles.Write(temp.Path, ScenarioFiles.TrustedRefund("right"));
        var amount = ScenarioFiles.TrustedRefund("wrong-amount");
        amount["expect"]!["afterSales"]!["sale"]!["refundAmount"] = 150.01m;
        ScenarioFiles.Write(temp.Path, amount);
        var served = ScenarioFiles.TrustedRefund("wrong-extension");
        served["expect"]!["afterSales"]!["sale"]!["served"]!["review.auto-approve"] = "kernel.auto-approve.amount-threshold";
        ScenarioFiles.Write(temp.Path, served);
        var refusal = ScenarioFiles.TrustedRefund("wrong-answer");
        refusal["steps"]![0]!["response"] = new JsonObject { ["status"] = 409 };
        ScenarioFiles.Write(temp.Path, refusal);

        var run = await TestCli.RunAsync("scenario", "run", temp.Path, "--plugins", TestPaths.BundledPlugins, "--mappings", TestPaths.Mappings, "--timeout", "1");

        run.ExitCode.Should().Be(ExitCodes.Findings, run.ToString());
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().Contain("PASS right");
        lines.Should().ContainSingle(l => l.StartsWith("FAIL wrong-amount: afterSales.sale.refundAmount expected 150.01, got 150.", StringComparison.Ordinal));
        lines.Should().Contain("FAIL wrong-extension: afterSales.sale.served.review.auto-approve expected kernel.auto-approve.amount-threshold, got retail-self.trusted-auto-approve");
        lines.Should().ContainSingle(l => l.StartsWith("FAIL wrong-answer: steps[0] POST /api/v1/after-sales answered 201, expected 409", StringComparison.Ordinal));
        lines[^1].Should().Be("4 scenario(s): 1 passed, 3 failed, 0 skipped.");
    }

    [Fact]
    public async Task A_malformed_file_stops_the_run_naming_the_file_and_the_json_path()
    {
        using var temp = new TempFolder();
        ScenarioFiles.Write(temp.Path, ScenarioFiles.TrustedRefund("fine"));
        var actor = ScenarioFiles.TrustedRefund("bad-actor");
        actor["steps"]![0]!["as"] = "Customer";
        ScenarioFiles.Write(temp.Path, actor);
        var unsaved = ScenarioFiles.TrustedRefund("unsaved");
        unsaved["expect"]!["afterSales"]!["other"] = new JsonObject { ["status"] = "Completed" };
        ScenarioFiles.Write(temp.Path, unsaved);
        File.WriteAllText(temp["not-json.json"], "{ \"name\": \"x\",\n  \"steps\": [ }");

        var run = await TestCli.RunAsync("scenario", "run", temp.Path, "--plugins", TestPaths.BundledPlugins, "--mappings", TestPaths.Mappings);

        run.ExitCode.Should().Be(ExitCodes.Usage, run.ToString());
        run.Stdout.Should().BeEmpty("nothing runs when a file is malformed");
        run.Stderr.Should().Contain("Malformed scenario file(s)")
            .And.Contain("bad-actor.json $.steps[0].as: 'as' does not have the expected form")
            .And.Contain("unsaved.json $.expect.afterSales.other: no step saves an after-sale as 'other'")
            .And.Contain("not-json.json $: not JSON (line 2, position 14)");
        run.Stderr.Should().NotContain(" at ReversePaas", "a malformed file is the author's mistake, not a bug: no stack trace");
    }

    [Fact]
    public async Task A_folder_without_scenarios_fails_and_a_missing_one_is_a_usage_error()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["README.md"], "not a scenario");

        var empty = await TestCli.RunAsync("scenario", "run", temp.Path);
        var missing = await TestCli.RunAsync("scenario", "run", temp["nowhere"]);

        empty.ExitCode.Should().Be(ExitCodes.Findings, empty.ToString());
        empty.Stdout.Should().Contain("No scenario in").And.Contain("nothing was proven");
        missing.ExitCode.Should().Be(ExitCodes.Usage, missing.ToString());
        missing.Stderr.Should().Contain("does not exist");
    }
}
