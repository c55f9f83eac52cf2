using Microsoft.Extensions.Options;
using ReversePaas.Host.Ports;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Host.Simulators;

/// <summary>Embedded payment system: refunds idempotent by refund id; faults from <c>Simulators:Payment</c>.</summary>
[PortAdapter(PortAdapters.DefaultMode)]
internal sealed class PaymentSimulator(SimulatorJournal journal, IOptionsMonitor<SimulatorOptions> options) : IPaymentPort
{
    public Task<PortResult> RefundAsync(PaymentRefundRequest request, CancellationToken cancellationToken)
    {
        var faults = options.CurrentValue.Payment;
        return journal.RunAsync("payment", "refund", request.RefundId, request.OrderId, request.Amount, request.Route.ToString(), faults,
            attempt => attempt <= faults.FailFirstAttempts
                ? $"Simulated refusal {attempt} of {faults.FailFirstAttempts} (Simulators:Payment:FailFirstAttempts)."
                : null,
            cancellationToken);
    }
}
