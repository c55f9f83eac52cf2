namespace ReversePaas.Persistence.Locks;

/// <summary>Settings of <see cref="RedisOrderLock"/>, the per-order lock shared by every host through Redis.</summary>
public sealed class RedisLockOptions
{
    /// <summary>
    /// The StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c> or
    /// <c>redis-1:6379,password=…,connectTimeout=2000</c>. <c>abortConnect</c> is always forced off so a host starts
    /// while Redis is down. <c>syncTimeout</c> bounds each lock command, because StackExchange.Redis 1.2.6 never times
    /// out asynchronous commands itself; when the string does not set it, the lock uses <see cref="LockWait"/> within
    /// 1–5 s instead of the library's 1 s.
    /// </summary>
    public string Configuration { get; set; } = "";

    /// <summary>
    /// How long a request waits for an order's lock (the host sets <c>Activities:LockTimeout</c>; default 5 s). Without
    /// a <c>syncTimeout</c> in <see cref="Configuration"/> a lock command may take this long, but at least 1 s and at
    /// most 5 s: the library's 1 s was exceeded by a CPU-starved host, answering 503 for a Redis that was fine, and a
    /// command never needs to outwait the request it serves.
    /// </summary>
    public TimeSpan LockWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Prefix of the lock keys; the order number follows it (default <c>reversepaas:lock:order:</c>).</summary>
    public string KeyPrefix { get; set; } = "reversepaas:lock:order:";

    /// <summary>
    /// The lease: how long a lock lives in Redis when its holder never releases it (a host that died). Default 30 s;
    /// longer than a request holds a lock. A holder slower than this loses the lock without knowing; the optimistic
    /// concurrency on orders and after-sales (the version fence) then refuses its late write.
    /// </summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromSeconds(30);
}
