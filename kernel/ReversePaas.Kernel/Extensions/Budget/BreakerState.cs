namespace ReversePaas.Kernel.Extensions.Budget;

/// <summary>The state of one extension's circuit breaker, as the catalog shows it.</summary>
public enum BreakerState
{
    /// <summary>Calls go through.</summary>
    Closed,

    /// <summary>Calls answer extension-unavailable at once until the break ends.</summary>
    Open,

    /// <summary>The break ended: one trial call is running and decides.</summary>
    HalfOpen,
}
