namespace ReversePaas.Sdk.Ports;

/// <summary>The payment system. Refunds are idempotent by refund id.</summary>
public interface IPaymentPort
{
    /// <summary>Refunds money; asking again with the same refund id returns the first answer and pays nothing more.</summary>
    Task<PortResult> RefundAsync(PaymentRefundRequest request, CancellationToken cancellationToken);
}
