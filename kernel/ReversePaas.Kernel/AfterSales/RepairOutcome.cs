namespace ReversePaas.Kernel.AfterSales;

/// <summary>What the service centre says of a repair (<c>repair-finished</c>).</summary>
public enum RepairOutcome
{
    /// <summary>Repaired: the goods ship back (<c>RepairShipped</c>).</summary>
    Repaired,

    /// <summary>Cannot be repaired: the units are refunded (<c>PendingRefund</c> → <c>Completed</c>).</summary>
    Irreparable,
}
