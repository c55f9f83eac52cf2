namespace ReversePaas.Host.Simulators;

/// <summary>
/// Fault injection for the embedded simulators (section <c>Simulators</c>), for ops drills and tests. Read on
/// every call, so a configuration reload changes behaviour without a restart.
/// </summary>
internal sealed class SimulatorOptions
{
    public PaymentSimulatorOptions Payment { get; set; } = new();

    public WarehouseSimulatorOptions Warehouse { get; set; } = new();

    public SystemSimulatorOptions Logistics { get; set; } = new();

    public InventorySimulatorOptions Inventory { get; set; } = new();

    public SystemSimulatorOptions Settlement { get; set; } = new();
}

/// <summary>Faults of a simulated system.</summary>
internal class SystemSimulatorOptions
{
    /// <summary>Every call throws "unavailable" (the system is down).</summary>
    public bool Unavailable { get; set; }

    /// <summary>Calls about these orders are refused.</summary>
    public List<string> FailOrderIds { get; set; } = [];
}

/// <summary>Faults of the payment simulator.</summary>
internal sealed class PaymentSimulatorOptions : SystemSimulatorOptions
{
    /// <summary>Each refund id is refused this many times before it succeeds (retry drills).</summary>
    public int FailFirstAttempts { get; set; }
}

/// <summary>Faults of the warehouse simulator.</summary>
internal sealed class WarehouseSimulatorOptions : SystemSimulatorOptions
{
    /// <summary>The WMS refuses to intercept these orders (as if packed).</summary>
    public List<string> RefuseInterceptOrderIds { get; set; } = [];
}

/// <summary>Faults of the inventory simulator.</summary>
internal sealed class InventorySimulatorOptions : SystemSimulatorOptions
{
    /// <summary>Reservations of these SKUs are refused as out of stock (<c>Simulators:Inventory:OutOfStockSkus:N</c>).</summary>
    public List<string> OutOfStockSkus { get; set; } = [];
}
