using ReversePaas.Kernel.AfterSales;

namespace ReversePaas.Kernel.Activities;

/// <summary>The after-sale an application created, and whether it is a replay of an earlier request.</summary>
/// <param name="AfterSale">The after-sale.</param>
/// <param name="Replayed">True when the idempotency key matched an earlier, identical request.</param>
public sealed record ApplyResult(AfterSale AfterSale, bool Replayed);
