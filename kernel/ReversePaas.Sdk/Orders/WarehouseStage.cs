namespace ReversePaas.Sdk.Orders;

/// <summary>Warehouse stage of a paid order before it ships.</summary>
public enum WarehouseStage
{
    /// <summary>Not yet pushed to the warehouse: the push can be stopped.</summary>
    NotPushed = 0,

    /// <summary>Pushed to the warehouse (WMS): it can be asked to intercept.</summary>
    Pushed = 1,

    /// <summary>Packed: interception is no longer possible.</summary>
    Packed = 2,
}
