namespace ReversePaas.Kernel.Orders;

/// <summary>
/// The share of one discount that falls on one line of its scope.
/// </summary>
/// <param name="DiscountIndex">The discount's position in the list given to <see cref="DiscountAllocator.Allocate"/>.</param>
/// <param name="Code">The discount's code.</param>
/// <param name="LineNo">The line the share falls on.</param>
/// <param name="Amount">The share, in whole cents (2 decimals); the parts of one discount add up exactly to it.</param>
public readonly record struct DiscountPart(int DiscountIndex, string Code, int LineNo, decimal Amount);
