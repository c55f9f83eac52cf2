namespace ReversePaas.Persistence.Locks;

/// <summary>Settings of <see cref="RedisOrderLock"/>, the per-order lock shared by every host through Redis.</summary>
public sealed class RedisLockOptions
{
    /// <summary>
    /// The StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c> or
    /// <c>redis-1:6379,password=…,connectTimeout=2000,asyncTimeout=2000</c>. <c>abortConnect</c> is always forced off so
    /// a host starts while Redis is down; a lock command is bounded by the string's <c>asyncTimeout</c> (the library's
    /// default: 5 s).
    /// </summary>
    public string Configuration { get; set; } = "";

    /// <summary>Prefix of the lock keys; the order number follows it (default <c>reversepaas:lock:order:</c>).</summary>
    public string KeyPrefix { get; set; } = "reversepaas:lock:order:";

    /// <summary>
    /// The lease: how long a lock lives in Redis without being extended. The holder extends it while it works
    /// (DistributedLock does, every 7.8 s with the defaults), so this is how long the lock of a host that died or froze stays
    /// taken. Default 30 s, at least 100 ms. A holder that could not extend in time loses the lock without knowing; the
    /// optimistic concurrency on orders and after-sales (the version fence) then refuses its late write.
    /// </summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromSeconds(30);
}
