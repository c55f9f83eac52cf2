namespace ReversePaas.Kernel.Orders;

/// <summary>
/// One discount of an order (promotion, coupon, virtual currency) and the lines it applies to.
/// </summary>
/// <param name="Code">The discount's code, e.g. <c>P1</c>; echoed in the parts and in error messages.</param>
/// <param name="Amount">The amount to take off its scope; not negative, at most 2 decimals.</param>
/// <param name="LineNos">The line numbers of its scope; empty means the whole order.</param>
public sealed record AllocationDiscount(string Code, decimal Amount, IReadOnlyList<int> LineNos);
