using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ReversePaas.Cli.Tests.Support;

namespace ReversePaas.Cli.Tests.Scenarios;

/// <summary>
/// <c>scenario run --host</c> against a host the test started (what can run there passes, a clock move or an inbound
/// event without a broker is skipped, never passed) and <c>scenario record</c>: the after-sale that run made, recorded
/// from the host's timeline, replays to PASS on an in-process kernel.
/// </summary>
public sealed class ScenarioHostTests
{
    [Fact]
    public async Task Scenarios_replay_on_a_running_host_and_a_recorded_case_replays_to_pass_in_process()
    {
        using var temp = new TempFolder();
        await using var host = await ScenarioTestHost.StartAsync(temp.Path);
        var played = Path.Combine(temp.Path, "played");
        // With a pickup time, the return is announced to the warehouse at its pickup round, not by a background step
        // right after the approval: that step would race the user's return-shipment on the running host, and whichever
        // won decides whether execution.return-logistics serves the recorded case, which the in-process replay then
        // has to match (it lost the race there in a Release build). The played flow has one outcome this way.
        var popReturn = ScenarioFiles.PopReturnOverRest("pop-return");
        popReturn["steps"]![0]!["body"]!["pickupAt"] = "{now+1d}";
        ScenarioFiles.Write(played, popReturn);
        var clock = ScenarioFiles.TrustedRefund("moves-clock");
        clock["steps"]!.AsArray().Add(new JsonObject { ["advance"] = "48h" });
        ScenarioFiles.Write(played, clock);
        var inbound = ScenarioFiles.TrustedRefund("sends-event");
        inbound["steps"]!.AsArray().Add(JsonNode.Parse("""{ "event": "reversepaas.warehouse.received", "subject": "{sale}", "data": { "lines": [] } }"""));
        ScenarioFiles.Write(played, inbound);

        var run = await TestCli.RunAsync(["scenario", "run", played, "--host", host.Address, .. ScenarioTestHost.KeyOptions]);

        run.ExitCode.Should().Be(ExitCodes.Success, run.ToString());
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().Contain("PASS pop-return");
        lines.Should().Contain("SKIP moves-clock: moves the clock (in-process only)");
        lines.Should().ContainSingle(l => l.StartsWith("SKIP sends-event: sends inbound events: pass --rabbitmq", StringComparison.Ordinal));
        lines[^1].Should().Be("3 scenario(s): 1 passed, 0 failed, 2 skipped.");

        // A key given for a whole role acts as one subject: a second merchant is skipped, never run with v-1's key.
        var twoMerchants = ScenarioFiles.PopReturnOverRest("two-merchants");
        twoMerchants["steps"]!.AsArray().Add(JsonNode.Parse("""{ "call": "GET /api/v1/after-sales/{sale}", "as": "Merchant:v-2", "response": { "status": 404 } }"""));
        var roleKeys = ScenarioFiles.Write(Path.Combine(temp.Path, "role-keys"), twoMerchants);
        var skipped = await TestCli.RunAsync("scenario", "run", Path.GetDirectoryName(roleKeys)!, "--host", host.Address,
            "--key", "Ops=scn-ops", "--key", "User=scn-user", "--key", "Merchant=scn-merchant", "--key", "System=scn-system");
        skipped.ExitCode.Should().Be(ExitCodes.Findings, "nothing passed: " + skipped);
        skipped.Stdout.Should().Contain("SKIP two-merchants: the key given for Merchant acts as Merchant:v-1: pass --key Merchant:v-2=KEY for Merchant:v-2");

        using var client = new HttpClient { BaseAddress = new Uri(host.Address) };
        client.DefaultRequestHeaders.Add("X-Api-Key", "scn-ops");
        var list = await client.GetFromJsonAsync<JsonObject>("/api/v1/after-sales?pageSize=10");
        var id = (string)list!["items"]!.AsArray().Single()!["afterSaleId"]!;
        var recorded = Path.Combine(temp.Path, "recorded", "case.json");

        var record = await TestCli.RunAsync("scenario", "record", id, "--host", host.Address, "--key", "Ops=scn-ops", "--out", recorded);

        record.ExitCode.Should().Be(ExitCodes.Success, record.ToString());
        var scenario = JsonNode.Parse(File.ReadAllText(recorded))!;
        scenario["steps"]!.AsArray().Select(s => $"{s!["as"]} {s["call"]}").Should().Equal(
            "User:u-1 POST /api/v1/after-sales",
            "Merchant:v-1 POST /api/v1/after-sales/{sale}/review",
            "User:u-1 POST /api/v1/after-sales/{sale}/return-shipment",
            "System:order-center POST /api/v1/after-sales/{sale}/warehouse-receipt");
        ((decimal)scenario["expect"]!["order"]!["ledger"]!["refunded"]!).Should().Be(30.00m);

        var replay = await TestCli.RunAsync("scenario", "run", Path.GetDirectoryName(recorded)!, "--plugins", TestPaths.BundledPlugins, "--mappings", TestPaths.Mappings);

        replay.ExitCode.Should().Be(ExitCodes.Success, replay.ToString());
        replay.Stdout.Should().Contain($"PASS recorded-{id}");

        var unknown = await TestCli.RunAsync("scenario", "record", "AS-nope", "--host", host.Address, "--key", "Ops=scn-ops");
        unknown.ExitCode.Should().Be(ExitCodes.Usage, unknown.ToString());
        unknown.Stderr.Should().Contain("The host has no after-sale");
    }
}
