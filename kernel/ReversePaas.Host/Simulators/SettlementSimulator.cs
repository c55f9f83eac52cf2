using Microsoft.Extensions.Options;
using ReversePaas.Host.Ports;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Host.Simulators;

/// <summary>Embedded settlement: reverse money data idempotent by after-sale.</summary>
[PortAdapter(PortAdapters.DefaultMode)]
internal sealed class SettlementSimulator(SimulatorJournal journal, IOptionsMonitor<SimulatorOptions> options) : ISettlementPort
{
    public Task<PortResult> RecordReverseMoneyAsync(ReverseMoneyRecord record, CancellationToken cancellationToken)
        => journal.RunAsync("settlement", "reverse-money", record.AfterSaleId, record.OrderId, record.Amount,
            $"vender {record.VenderId}, payment {record.PaymentReference}", options.CurrentValue.Settlement, null, cancellationToken);
}
