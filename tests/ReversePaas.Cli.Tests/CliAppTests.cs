using ReversePaas.Cli.Tests.Support;

namespace ReversePaas.Cli.Tests;

public sealed class CliAppTests
{
    [Fact]
    public async Task Help_lists_the_commands_and_exits_0()
    {
        var run = await TestCli.RunAsync("--help");

        run.ExitCode.Should().Be(ExitCodes.Success, run.ToString());
        run.Stdout.Should().Contain("catalog").And.Contain("plugin").And.Contain("--json");
    }

    [Fact]
    public async Task No_command_is_a_usage_error()
    {
        var run = await TestCli.RunAsync();
        var json = await TestCli.RunAsync("--json");

        run.ExitCode.Should().Be(ExitCodes.Usage, run.ToString());
        run.Stderr.Should().Contain("Required command was not provided").And.Contain("reversepaas --help");
        json.ExitCode.Should().Be(ExitCodes.Usage);
        json.Json().GetProperty("exitCode").GetInt32().Should().Be(ExitCodes.Usage);
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error()
    {
        var run = await TestCli.RunAsync("catalog", "publish");

        run.ExitCode.Should().Be(ExitCodes.Usage, run.ToString());
        run.Stderr.Should().Contain("publish");
    }
}
