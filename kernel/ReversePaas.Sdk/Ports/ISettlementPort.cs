namespace ReversePaas.Sdk.Ports;

/// <summary>The settlement (finance) system.</summary>
public interface ISettlementPort
{
    /// <summary>Records reverse money data (idempotent by after-sale id).</summary>
    Task<PortResult> RecordReverseMoneyAsync(ReverseMoneyRecord record, CancellationToken cancellationToken);
}
