namespace ReversePaas.Persistence.Locks;

/// <summary>Which order lock the hosts use (configuration <c>Locks:Provider</c>).</summary>
public enum OrderLockProvider
{
    /// <summary>Redis when <c>Redis:Configuration</c> is set, otherwise in-process (API.md's rule).</summary>
    Auto,

    /// <summary>A lock in this process's memory: one host only.</summary>
    InProcess,

    /// <summary>Redis (<c>Redis:Configuration</c>): any number of hosts.</summary>
    Redis,

    /// <summary>PostgreSQL advisory locks on the database itself: any number of hosts on one PostgreSQL, no Redis.</summary>
    PostgreSql,
}
