namespace ReversePaas.Kernel.Orders;

/// <summary>A discount of a registered order: code, kind, amount, scope (empty = whole order).</summary>
public sealed record OrderRegistrationDiscount(string Code, string Kind, decimal Amount, IReadOnlyList<int> LineNos);
