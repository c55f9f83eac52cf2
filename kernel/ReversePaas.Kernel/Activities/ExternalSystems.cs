using ReversePaas.Sdk.Ports;

namespace ReversePaas.Kernel.Activities;

/// <summary>The ports of the external systems the activities call (simulators or real adapters).</summary>
/// <param name="Payment">Payment.</param>
/// <param name="Warehouse">Warehouse (WMS).</param>
/// <param name="Logistics">Courier.</param>
/// <param name="Inventory">Inventory.</param>
/// <param name="Settlement">Settlement.</param>
public sealed record ExternalSystems(IPaymentPort Payment, IWarehousePort Warehouse, ILogisticsPort Logistics, IInventoryPort Inventory, ISettlementPort Settlement);
