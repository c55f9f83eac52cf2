using ReversePaas.Kernel.AfterSales;
using ReversePaas.Kernel.Domain;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Kernel.Tests.AfterSales;

/// <summary>Every (type, status, command) against DOMAIN.md section 4: legal moves land, every other pair is refused.</summary>
public sealed class AfterSaleStateMachineTests
{
    // DOMAIN.md section 4, written out independently of the implementation's table.
    private static readonly (AfterSaleType Type, AfterSaleStatus From, AfterSaleCommand Command, AfterSaleStatus To)[] Expected =
    [
        (AfterSaleType.Cancel, AfterSaleStatus.Intercepting, AfterSaleCommand.Intercepted, AfterSaleStatus.PendingRefund),
        (AfterSaleType.Cancel, AfterSaleStatus.Intercepting, AfterSaleCommand.FailInterception, AfterSaleStatus.InterceptionFailed),
        (AfterSaleType.Cancel, AfterSaleStatus.PendingRefund, AfterSaleCommand.CompleteRefund, AfterSaleStatus.Completed),
        (AfterSaleType.Cancel, AfterSaleStatus.PendingRefund, AfterSaleCommand.FailRefund, AfterSaleStatus.RefundFailed),
        (AfterSaleType.Cancel, AfterSaleStatus.RefundFailed, AfterSaleCommand.RetryRefund, AfterSaleStatus.PendingRefund),
        (AfterSaleType.RefundOnly, AfterSaleStatus.PendingReview, AfterSaleCommand.Approve, AfterSaleStatus.PendingRefund),
        (AfterSaleType.RefundOnly, AfterSaleStatus.PendingReview, AfterSaleCommand.Reject, AfterSaleStatus.Rejected),
        (AfterSaleType.RefundOnly, AfterSaleStatus.PendingReview, AfterSaleCommand.Withdraw, AfterSaleStatus.Withdrawn),
        (AfterSaleType.RefundOnly, AfterSaleStatus.PendingRefund, AfterSaleCommand.CompleteRefund, AfterSaleStatus.Completed),
        (AfterSaleType.RefundOnly, AfterSaleStatus.PendingRefund, AfterSaleCommand.FailRefund, AfterSaleStatus.RefundFailed),
        (AfterSaleType.RefundOnly, AfterSaleStatus.RefundFailed, AfterSaleCommand.RetryRefund, AfterSaleStatus.PendingRefund),
        (AfterSaleType.ReturnRefund, AfterSaleStatus.PendingReview, AfterSaleCommand.Approve, AfterSaleStatus.PendingReturn),
        (AfterSaleType.ReturnRefund, AfterSaleStatus.PendingReview, AfterSaleCommand.Reject, AfterSaleStatus.Rejected),
        (AfterSaleType.ReturnRefund, AfterSaleStatus.PendingReview, AfterSaleCommand.Withdraw, AfterSaleStatus.Withdrawn),
        (AfterSaleType.ReturnRefund, AfterSaleStatus.PendingReturn, AfterSaleCommand.Withdraw, AfterSaleStatus.Withdrawn),
        (AfterSaleType.ReturnRefund, AfterSaleStatus.PendingReturn, AfterSaleCommand.ReceiveGoods, AfterSaleStatus.PendingRefund),
        (AfterSaleType.ReturnRefund, AfterSaleStatus.PendingRefund, AfterSaleCommand.CompleteRefund, AfterSaleStatus.Completed),
        (AfterSaleType.ReturnRefund, AfterSaleStatus.PendingRefund, AfterSaleCommand.FailRefund, AfterSaleStatus.RefundFailed),
        (AfterSaleType.ReturnRefund, AfterSaleStatus.RefundFailed, AfterSaleCommand.RetryRefund, AfterSaleStatus.PendingRefund),
        (AfterSaleType.Exchange, AfterSaleStatus.PendingReview, AfterSaleCommand.Approve, AfterSaleStatus.PendingReturn),
        (AfterSaleType.Exchange, AfterSaleStatus.PendingReview, AfterSaleCommand.Reject, AfterSaleStatus.Rejected),
        (AfterSaleType.Exchange, AfterSaleStatus.PendingReview, AfterSaleCommand.Withdraw, AfterSaleStatus.Withdrawn),
        (AfterSaleType.Exchange, AfterSaleStatus.PendingReturn, AfterSaleCommand.Withdraw, AfterSaleStatus.Withdrawn),
        // API.md v1.1: the receipt of an exchange keeps PendingReturn; the background step ships (or refunds instead).
        (AfterSaleType.Exchange, AfterSaleStatus.PendingReturn, AfterSaleCommand.ShipReplacement, AfterSaleStatus.ExchangeShipped),
        (AfterSaleType.Exchange, AfterSaleStatus.PendingReturn, AfterSaleCommand.RefundReplacement, AfterSaleStatus.PendingRefund),
        (AfterSaleType.Exchange, AfterSaleStatus.PendingRefund, AfterSaleCommand.CompleteRefund, AfterSaleStatus.Completed),
        (AfterSaleType.Exchange, AfterSaleStatus.PendingRefund, AfterSaleCommand.FailRefund, AfterSaleStatus.RefundFailed),
        (AfterSaleType.Exchange, AfterSaleStatus.RefundFailed, AfterSaleCommand.RetryRefund, AfterSaleStatus.PendingRefund),
        (AfterSaleType.Exchange, AfterSaleStatus.ExchangeShipped, AfterSaleCommand.ConfirmDelivery, AfterSaleStatus.Completed),
        (AfterSaleType.Repair, AfterSaleStatus.PendingReview, AfterSaleCommand.Approve, AfterSaleStatus.PendingReturn),
        (AfterSaleType.Repair, AfterSaleStatus.PendingReview, AfterSaleCommand.Reject, AfterSaleStatus.Rejected),
        (AfterSaleType.Repair, AfterSaleStatus.PendingReview, AfterSaleCommand.Withdraw, AfterSaleStatus.Withdrawn),
        (AfterSaleType.Repair, AfterSaleStatus.PendingReturn, AfterSaleCommand.Withdraw, AfterSaleStatus.Withdrawn),
        (AfterSaleType.Repair, AfterSaleStatus.PendingReturn, AfterSaleCommand.ReceiveGoods, AfterSaleStatus.Repairing),
        (AfterSaleType.Repair, AfterSaleStatus.Repairing, AfterSaleCommand.FinishRepair, AfterSaleStatus.RepairShipped),
        (AfterSaleType.Repair, AfterSaleStatus.Repairing, AfterSaleCommand.DeclareIrreparable, AfterSaleStatus.PendingRefund),
        (AfterSaleType.Repair, AfterSaleStatus.PendingRefund, AfterSaleCommand.CompleteRefund, AfterSaleStatus.Completed),
        (AfterSaleType.Repair, AfterSaleStatus.PendingRefund, AfterSaleCommand.FailRefund, AfterSaleStatus.RefundFailed),
        (AfterSaleType.Repair, AfterSaleStatus.RefundFailed, AfterSaleCommand.RetryRefund, AfterSaleStatus.PendingRefund),
        (AfterSaleType.Repair, AfterSaleStatus.RepairShipped, AfterSaleCommand.ConfirmDelivery, AfterSaleStatus.Completed),

        // API.md v1.1: a rejection of a reviewed type may be appealed; the appeal is reviewed like the application was.
        (AfterSaleType.RefundOnly, AfterSaleStatus.Rejected, AfterSaleCommand.Appeal, AfterSaleStatus.Appealed),
        (AfterSaleType.RefundOnly, AfterSaleStatus.Appealed, AfterSaleCommand.Approve, AfterSaleStatus.PendingRefund),
        (AfterSaleType.RefundOnly, AfterSaleStatus.Appealed, AfterSaleCommand.Reject, AfterSaleStatus.Rejected),
        (AfterSaleType.ReturnRefund, AfterSaleStatus.Rejected, AfterSaleCommand.Appeal, AfterSaleStatus.Appealed),
        (AfterSaleType.ReturnRefund, AfterSaleStatus.Appealed, AfterSaleCommand.Approve, AfterSaleStatus.PendingReturn),
        (AfterSaleType.ReturnRefund, AfterSaleStatus.Appealed, AfterSaleCommand.Reject, AfterSaleStatus.Rejected),
        (AfterSaleType.Exchange, AfterSaleStatus.Rejected, AfterSaleCommand.Appeal, AfterSaleStatus.Appealed),
        (AfterSaleType.Exchange, AfterSaleStatus.Appealed, AfterSaleCommand.Approve, AfterSaleStatus.PendingReturn),
        (AfterSaleType.Exchange, AfterSaleStatus.Appealed, AfterSaleCommand.Reject, AfterSaleStatus.Rejected),
        (AfterSaleType.Repair, AfterSaleStatus.Rejected, AfterSaleCommand.Appeal, AfterSaleStatus.Appealed),
        (AfterSaleType.Repair, AfterSaleStatus.Appealed, AfterSaleCommand.Approve, AfterSaleStatus.PendingReturn),
        (AfterSaleType.Repair, AfterSaleStatus.Appealed, AfterSaleCommand.Reject, AfterSaleStatus.Rejected),
    ];

    public static TheoryData<AfterSaleType, AfterSaleStatus, AfterSaleCommand> EveryPair()
    {
        var data = new TheoryData<AfterSaleType, AfterSaleStatus, AfterSaleCommand>();
        foreach (var type in Enum.GetValues<AfterSaleType>())
        {
            foreach (var status in Enum.GetValues<AfterSaleStatus>())
            {
                foreach (var command in Enum.GetValues<AfterSaleCommand>())
                {
                    data.Add(type, status, command);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Each_pair_lands_where_the_domain_says_or_is_refused_with_a_message(AfterSaleType type, AfterSaleStatus from, AfterSaleCommand command)
    {
        var expected = Expected.Where(e => e.Type == type && e.From == from && e.Command == command).Select(e => (AfterSaleStatus?)e.To).SingleOrDefault();
        var sale = AfterSaleBuilder.InStatus(type, from);
        var timeline = sale.Timeline.Count;

        var act = () => sale.Fire(command, new Actor(ActorRole.Ops, "ops-1"), "test", DateTimeOffset.UnixEpoch.AddDays(1));

        if (expected is { } to)
        {
            act();
            sale.Status.Should().Be(to);
            sale.Timeline.Should().HaveCount(timeline + 1);
            sale.Timeline[^1].Status.Should().Be(to.ToString());
        }
        else
        {
            act.Should().Throw<DomainRuleException>()
                .Where(e => e.Reason == "illegal-transition" && e.Message.Contains(from.ToString()) && e.Message.Contains(command.ToString()));
            sale.Status.Should().Be(from);
            sale.Timeline.Should().HaveCount(timeline);
        }
    }

    [Fact]
    public void The_table_has_exactly_the_domains_moves()
        => AfterSaleStateMachine.All.Should().BeEquivalentTo(Expected);

    [Fact]
    public void Terminal_statuses_allow_nothing()
    {
        foreach (var type in Enum.GetValues<AfterSaleType>())
        {
            foreach (var status in new[] { AfterSaleStatus.Completed, AfterSaleStatus.Withdrawn, AfterSaleStatus.InterceptionFailed })
            {
                AfterSaleStateMachine.LegalFrom(type, status).Should().BeEmpty();
            }

            // Rejected ends it, but for the applicant's one appeal (its once-only and window rules live in AfterSale.Appeal).
            AfterSaleStateMachine.LegalFrom(type, AfterSaleStatus.Rejected).Should().Equal(type == AfterSaleType.Cancel ? Array.Empty<AfterSaleCommand>() : new[] { AfterSaleCommand.Appeal });
        }
    }
}
