using FluentAssertions.Execution;
using Xunit.Abstractions;

namespace ReversePaas.Host.Tests.Drills;

/// <summary>
/// Drill: the database is stopped (<c>pg_ctl stop -m fast</c>, as a restart for maintenance does) and started again while
/// a host is under load from concurrent flows (register → apply → approve → background refund), on a PostgreSQL server
/// of the drill's own (<see cref="ThrowawayPostgres"/>), never the shared test cluster. The run happens once
/// (<see cref="PostgresRestartScenario"/>); the two verdicts are separate tests so that a failure of one (answers during
/// the outage: 2xx, or 503 with Retry-After) does not hide the other (no partial state, recovery).
/// </summary>
public sealed class PostgresRestartDrill(PostgresRestartScenario scenario, ITestOutputHelper log) : IClassFixture<PostgresRestartScenario>
{
    [Fact]
    public void After_postgres_restarts_under_load_flows_succeed_again_and_no_partial_state_is_left()
    {
        scenario.WriteTo(log);
        using var all = new AssertionScope();
        scenario.Failure.Should().BeNull("the drill itself must run to the end");
        scenario.CompletedAfter.Should().BeGreaterThanOrEqualTo(PostgresRestartScenario.FlowsAfter, "whole flows succeed again once the database is back");
        scenario.ReadyWhileDown.Should().Be(503, "/readyz takes the host out of rotation while its database is down");
        scenario.DatabaseCheckWhileDown.Should().Be("Unhealthy");
        scenario.LedgerMismatches.Should().BeEmpty("every reservation has its after-sale and every after-sale its reservation or its refund");
        scenario.RefundsWithoutCompletedAfterSale.Should().Be(0);
        scenario.CompletedWithoutRefund.Should().Be(0);
        scenario.Unsettled.Should().Be(0, "every approved after-sale is refunded once the database is back");
        scenario.ReadyAfter.Should().Be(200);
    }

    [Fact]
    public void While_postgres_restarts_every_answer_is_2xx_or_503_with_retry_after()
    {
        scenario.WriteTo(log);
        scenario.Failure.Should().BeNull("the drill itself must run to the end");
        scenario.UnexpectedAnswers.Should().BeEmpty(
            $"every answer is 2xx or 503 with Retry-After (a client retries a 503; a 500 says the server broke); {scenario.UnexpectedAnswers.Count} were not");
    }
}
