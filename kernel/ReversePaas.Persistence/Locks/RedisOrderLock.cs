using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ReversePaas.Kernel.Activities;
using ReversePaas.Kernel.Domain;
using StackExchange.Redis;

namespace ReversePaas.Persistence.Locks;

/// <summary>
/// Per-order lock shared by every host through Redis (the seed's design): the key
/// <c>{KeyPrefix}{orderId}</c> holds a token unique to one acquisition, set with <c>SET key token PX expiry NX</c>
/// and retried with a short jittered back-off until the wait runs out; release deletes the key only while it
/// still holds the holder's token (a Lua compare-and-delete), never with a plain <c>DEL</c>, so a holder whose
/// lease expired cannot free the lock of the next holder.
/// </summary>
/// <remarks>
/// <para>
/// The lease (<see cref="RedisLockOptions.Expiry"/>) frees the lock of a host that died. A holder that outlives its
/// lease is not told; the optimistic concurrency on orders and after-sales (the version fence) refuses its stale write,
/// so the lease trades only availability, never a double refund.
/// </para>
/// <para>
/// Redis that cannot be reached (connect failure, broken connection) or does not answer a command in time is reported
/// as <see cref="TransientConflictException"/> (503 with <c>Retry-After</c>), worded apart so an operator knows whether
/// to look at the network or at a slow (or starved) server: nothing was written, and the request can be retried.
/// </para>
/// <para>
/// One <see cref="ConnectionMultiplexer"/> per instance, created lazily on first use with <c>abortConnect=false</c>,
/// so the host starts while Redis is down. StackExchange.Redis 1.2.6 reconnects such a multiplexer by itself (checked
/// against redis-server 7: both when Redis was down at start and when it restarted under a live multiplexer), so the
/// multiplexer is kept; it is created again only when creating it threw.
/// </para>
/// </remarks>
public sealed class RedisOrderLock : IOrderLock, IDisposable
{
    // Deletes the key only while it still holds this holder's token: 1 when released, 0 when the lease had expired
    // (and perhaps another holder took the lock, whose key must survive).
    private const string ReleaseScript =
        "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    private static readonly TimeSpan BusyRetryAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan UnreachableRetryAfter = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LibrarySyncTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestDefaultSyncTimeout = TimeSpan.FromSeconds(5);

    private readonly ConfigurationOptions _configuration;
    private readonly string _keyPrefix;
    private readonly TimeSpan _expiry;
    private readonly TimeSpan _commandTimeout;
    private readonly ILogger _logger;
    private readonly Lock _connectGate = new();
    private Task<ConnectionMultiplexer>? _connecting;
    private bool _disposed;

    /// <summary>Creates the lock; nothing connects until the first acquisition.</summary>
    public RedisOrderLock(RedisLockOptions options, ILogger<RedisOrderLock>? logger = null)
    {
        if (string.IsNullOrWhiteSpace(options.Configuration))
        {
            throw new ArgumentException("RedisLockOptions.Configuration is empty: the Redis order lock needs a server.", nameof(options));
        }

        if (options.Expiry < TimeSpan.FromMilliseconds(1))
        {
            throw new ArgumentException($"RedisLockOptions.Expiry must be at least 1 ms, got {options.Expiry}.", nameof(options));
        }

        _configuration = ConfigurationOptions.Parse(options.Configuration);
        // The host must start, and come back, while Redis is down: never fail the connect, let the multiplexer retry.
        _configuration.AbortOnConnectFail = false;
        if (!SetsSyncTimeout(options.Configuration))
        {
            _configuration.SyncTimeout = (int)DefaultSyncTimeout(options.LockWait).TotalMilliseconds;
        }

        _keyPrefix = options.KeyPrefix;
        _expiry = options.Expiry;
        // 1.2.6 has no asyncTimeout and lets an async command wait forever on a hung server: bound every command
        // by syncTimeout ourselves, as later versions do by default.
        _commandTimeout = TimeSpan.FromMilliseconds(Math.Max(_configuration.SyncTimeout, 1));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>How long one lock command may take (<c>syncTimeout</c>, given or defaulted).</summary>
    internal TimeSpan CommandTimeout => _commandTimeout;

    /// <inheritdoc />
    public async ValueTask<IAsyncDisposable> AcquireAsync(string orderId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var key = (RedisKey)(_keyPrefix + orderId);
        var token = (RedisValue)Guid.NewGuid().ToString("N");
        var redis = await ConnectAsync(orderId, timeout, cancellationToken);
        var database = redis.GetDatabase();

        while (true)
        {
            Task<bool> set;
            bool acquired;
            try
            {
                // Without a connection 1.2.6 hands back an already faulted task; a synchronous throw means the same.
                set = database.StringSetAsync(key, token, _expiry, When.NotExists);
            }
            catch (Exception e) when (IsUnreachable(e))
            {
                throw Failed(orderId, e);
            }

            try
            {
                acquired = await set.WaitAsync(_commandTimeout, cancellationToken);
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException)
            {
                // The SET may still be queued and succeed later; the compare-and-delete queued behind it on the same
                // connection undoes it, so an abandoned attempt does not block the order for a whole lease.
                Abandon(database, key, token, set);
                if (e is OperationCanceledException)
                {
                    throw;
                }

                throw Failed(orderId, e);
            }
            catch (Exception e) when (IsUnreachable(e))
            {
                throw Failed(orderId, e);
            }

            if (acquired)
            {
                return new Holder(this, database, key, token, orderId);
            }

            // Timeout.InfiniteTimeSpan waits for as long as it takes, as SemaphoreSlim does for the in-process lock.
            var remaining = timeout == Timeout.InfiniteTimeSpan ? TimeSpan.MaxValue : timeout - Stopwatch.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                throw new TransientConflictException(
                    $"Order '{orderId}' is busy (another request holds its lock); nothing was written. Retry shortly.", BusyRetryAfter);
            }

            // Jittered so that waiters of one order, on every host, do not retry in lock-step.
            var backOff = TimeSpan.FromMilliseconds(Random.Shared.Next(10, 51));
            await Task.Delay(backOff < remaining ? backOff : remaining, cancellationToken);
        }
    }

    /// <summary>Closes the connection to Redis. Locks still held expire with their lease.</summary>
    public void Dispose()
    {
        Task<ConnectionMultiplexer>? connecting;
        lock (_connectGate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            connecting = _connecting;
        }

        _ = connecting?.ContinueWith(
            static t =>
            {
                if (t.IsCompletedSuccessfully)
                {
                    t.Result.Dispose();
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task<ConnectionMultiplexer> ConnectAsync(string orderId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task<ConnectionMultiplexer> connecting;
        lock (_connectGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            connecting = _connecting ??= ConnectionMultiplexer.ConnectAsync(_configuration);
        }

        try
        {
            // With abortConnect=false the first connect returns only after connectTimeout when Redis is down; a caller
            // waits no longer than its own wait (at least one command timeout), the connect goes on for later callers.
            return await connecting.WaitAsync(
                timeout == Timeout.InfiniteTimeSpan || timeout > _commandTimeout ? timeout : _commandTimeout, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (connecting.IsFaulted)
            {
                // Creating the multiplexer itself failed (abortConnect=false leaves this to unusual errors): forget it
                // so that the next acquisition tries again instead of failing forever. A connect that is merely slow
                // (this caller's wait ran out) is kept.
                lock (_connectGate)
                {
                    if (ReferenceEquals(_connecting, connecting))
                    {
                        _connecting = null;
                    }
                }
            }

            throw Unreachable(orderId, e);
        }
    }

    private void Abandon(IDatabase database, RedisKey key, RedisValue token, Task set)
    {
        _ = set.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            database.ScriptEvaluate(ReleaseScript, [key], [token], CommandFlags.FireAndForget);
        }
        catch (Exception e) when (IsUnreachable(e))
        {
            _logger.LogWarning(e, "Could not undo an abandoned acquisition of lock {Key}; it expires with its lease ({Expiry}).", (string?)key, _expiry);
        }
    }

    private static bool IsUnreachable(Exception e) => e is RedisException or TimeoutException or System.Net.Sockets.SocketException;

    // The key is case-insensitive and may be padded, as StackExchange.Redis parses it.
    private static bool SetsSyncTimeout(string configuration) =>
        configuration.Split(',').Any(part => part.Split('=', 2) is [var key, _] && key.Trim().Equals("syncTimeout", StringComparison.OrdinalIgnoreCase));

    /// <summary>The <c>syncTimeout</c> used when the configuration sets none: the lock wait within 1–5 s.</summary>
    internal static TimeSpan DefaultSyncTimeout(TimeSpan lockWait) =>
        lockWait == Timeout.InfiniteTimeSpan || lockWait > LongestDefaultSyncTimeout ? LongestDefaultSyncTimeout
        : lockWait < LibrarySyncTimeout ? LibrarySyncTimeout
        : lockWait;

    private static TransientConflictException Unreachable(string orderId, Exception e) =>
        new($"Order '{orderId}' could not be locked: the order lock store (Redis) cannot be reached ({e.GetType().Name}); nothing was written. Retry shortly.",
            UnreachableRetryAfter, e);

    // A connection that is up but a command that is not answered in time (a slow, paused or starved server, or a
    // starved host reading the answer late) is not an outage: say which, so nobody chases a network fault.
    private TransientConflictException Failed(string orderId, Exception e) =>
        e is TimeoutException
            ? new($"Order '{orderId}' could not be locked: the order lock store (Redis) did not answer within {_commandTimeout.TotalMilliseconds:0} ms; nothing was written. Retry shortly.",
                UnreachableRetryAfter, e)
            : Unreachable(orderId, e);

    private async ValueTask ReleaseAsync(IDatabase database, RedisKey key, RedisValue token, string orderId)
    {
        try
        {
            var released = await database.ScriptEvaluateAsync(ReleaseScript, [key], [token]).WaitAsync(_commandTimeout);
            if ((long)released == 0)
            {
                _logger.LogWarning(
                    "The lock of order {OrderId} had expired before its holder released it (lease {Expiry}); the version fence guards the order's writes.",
                    orderId,
                    _expiry);
            }
        }
        catch (Exception e) when (IsUnreachable(e))
        {
            // The work under the lock is done (and committed or not); failing the request now would misreport it.
            // The key expires with its lease.
            _logger.LogWarning(e, "Could not release the lock of order {OrderId}; it expires with its lease ({Expiry}).", orderId, _expiry);
        }
    }

    private sealed class Holder(RedisOrderLock owner, IDatabase database, RedisKey key, RedisValue token, string orderId) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync() =>
            Interlocked.Exchange(ref _released, 1) == 0 ? owner.ReleaseAsync(database, key, token, orderId) : ValueTask.CompletedTask;
    }
}
