namespace ReversePaas.Kernel.AfterSales;

/// <summary>Where the courier's pickup of the returned goods stands, as the logistics system reports it.</summary>
public enum PickupState
{
    /// <summary>A courier has the job.</summary>
    Assigned = 0,

    /// <summary>The courier collected the goods.</summary>
    PickedUp = 1,

    /// <summary>The pickup failed (nobody home, refused, …).</summary>
    Failed = 2,
}
