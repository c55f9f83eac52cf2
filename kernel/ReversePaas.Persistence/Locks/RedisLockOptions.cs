namespace ReversePaas.Persistence.Locks;

/// <summary>Settings of <see cref="RedisOrderLock"/>, the per-order lock shared by every host through Redis.</summary>
public sealed class RedisLockOptions
{
    /// <summary>
    /// The StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c> or
    /// <c>redis-1:6379,password=…,connectTimeout=2000</c>. <c>abortConnect</c> is always forced off so a host starts
    /// while Redis is down; <c>syncTimeout</c> (default 1000 ms) also bounds each lock command, because
    /// StackExchange.Redis 1.2.6 never times out asynchronous commands itself.
    /// </summary>
    public string Configuration { get; set; } = "";

    /// <summary>Prefix of the lock keys; the order number follows it (default <c>reversepaas:lock:order:</c>).</summary>
    public string KeyPrefix { get; set; } = "reversepaas:lock:order:";

    /// <summary>
    /// The lease: how long a lock lives in Redis when its holder never releases it (a host that died). Default 30 s;
    /// longer than a request holds a lock. A holder slower than this loses the lock without knowing; the optimistic
    /// concurrency on orders and after-sales (the version fence) then refuses its late write.
    /// </summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromSeconds(30);
}
