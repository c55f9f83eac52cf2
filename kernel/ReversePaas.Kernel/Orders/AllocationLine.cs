namespace ReversePaas.Kernel.Orders;

/// <summary>
/// One order line as the discount allocator sees it: its number and its amount before any discount.
/// </summary>
/// <param name="LineNo">The line number, unique within the order; discount scopes refer to it.</param>
/// <param name="Amount">Quantity × unit price, before any discount; not negative, at most 2 decimals.</param>
public readonly record struct AllocationLine(int LineNo, decimal Amount);
