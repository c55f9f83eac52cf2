namespace ReversePaas.Sdk.Application;

/// <summary>
/// Prices an application. Kernel default: paid amount per unit × quantity (cent-exact: one-unit claims of a
/// line add up to exactly what it paid), a requested partial amount as asked, and the freight only
/// when a cancellation or return claims every remaining unit. The kernel caps every figure at what is
/// still refundable, whatever a calculator returns.
/// </summary>
[ExtensionPoint(Code, Activity.Application, CombineMode.Single, Description = "How much an after-sale refunds (per line, and freight).")]
public interface IRefundCalculator
{
    /// <summary>The code of this extension point.</summary>
    const string Code = "application.refund-calculator";

    /// <summary>Prices the claimed lines.</summary>
    RefundQuote Calculate(RefundCalculationContext context);
}
