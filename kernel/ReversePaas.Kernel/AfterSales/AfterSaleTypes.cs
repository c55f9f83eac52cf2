using ReversePaas.Sdk;

namespace ReversePaas.Kernel.AfterSales;

/// <summary>
/// What each after-sale type does beyond its moves (<see cref="AfterSaleStateMachine"/>), in one place: a new type
/// states its traits here rather than in every step that asks.
/// </summary>
public static class AfterSaleTypes
{
    /// <summary>False for the types that move goods but no money (exchange, repair): their lines and freight refund 0.00.</summary>
    public static bool MovesMoney(AfterSaleType type) => type is not (AfterSaleType.Exchange or AfterSaleType.Repair);
}
