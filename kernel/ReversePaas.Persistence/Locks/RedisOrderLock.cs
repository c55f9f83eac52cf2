using Medallion.Threading.Redis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ReversePaas.Kernel.Activities;
using ReversePaas.Kernel.Domain;
using StackExchange.Redis;

namespace ReversePaas.Persistence.Locks;

/// <summary>
/// Per-order lock shared by every host through Redis: DistributedLock's <see cref="RedisDistributedLock"/> on the key
/// <c>{KeyPrefix}{orderId}</c> (a token unique to each acquisition, set only when absent, extended while held, deleted
/// on release only while it still holds that token). This class adds what the contract asks on top: one connection
/// per host made lazily, the wait of <c>Activities:LockTimeout</c>, and every failure as a 503 that says whether the
/// order is busy, Redis cannot be reached, or Redis did not answer in time.
/// </summary>
/// <remarks>
/// A holder that loses its lease (a frozen host, a Redis failover that dropped the key) is not stopped; the optimistic
/// concurrency on orders and after-sales (the version fence) refuses its stale write, so a lost lease trades only
/// availability, never a double refund.
/// </remarks>
public sealed class RedisOrderLock : IOrderLock, IDisposable
{
    private static readonly TimeSpan BusyRetryAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan UnreachableRetryAfter = TimeSpan.FromSeconds(5);

    // Waiters poll; a short jittered sleep keeps a released order's next request quick (the library's default is up to
    // 800 ms) while waiters of one order on every host do not retry in lock-step.
    private static readonly TimeSpan MinimumPoll = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaximumPoll = TimeSpan.FromMilliseconds(50);

    // Scheduling slack on top of the client's timeout and heartbeat before DistributedLock abandons an attempt.
    private static readonly TimeSpan AttemptSlack = TimeSpan.FromMilliseconds(500);

    private readonly ConfigurationOptions _configuration;
    private readonly string _keyPrefix;
    private readonly Action<RedisDistributedSynchronizationOptionsBuilder> _lockOptions;
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

        if (options.Expiry < TimeSpan.FromMilliseconds(100))
        {
            throw new ArgumentException($"RedisLockOptions.Expiry (Locks:Redis:Expiry) must be at least 100 ms, got {options.Expiry}.", nameof(options));
        }

        _configuration = ConfigurationOptions.Parse(options.Configuration);
        // The host must start, and come back, while Redis is down: never fail the connect, let the multiplexer retry.
        _configuration.AbortOnConnectFail = false;
        // While disconnected a lock command fails at once (503 "cannot be reached") instead of queueing until its
        // timeout: a request learns of the outage immediately and holds nothing meanwhile.
        _configuration.BacklogPolicy = BacklogPolicy.FailFast;
        _keyPrefix = options.KeyPrefix;
        var expiry = options.Expiry;
        var attempt = AttemptTimeout(CommandTimeout, _configuration.HeartbeatInterval, expiry);
        _lockOptions = o => o.Expiry(expiry).MinValidityTime(expiry - attempt).BusyWaitSleepTime(MinimumPoll, MaximumPoll);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>How long one lock command may take before it counts as not answered (<c>asyncTimeout</c>).</summary>
    internal TimeSpan CommandTimeout => TimeSpan.FromMilliseconds(_configuration.AsyncTimeout);

    /// <summary>
    /// How long DistributedLock gives one acquisition attempt (its expiry minus its minimum validity). An attempt it
    /// gives up on counts as "taken by someone else", so by default (a tenth of the lease: 3 s against a 5 s command
    /// timeout) a Redis that does not answer was reported as a busy order. It is set past the moment the client's own
    /// timeout fires (checked on its heartbeat), so a command without an answer fails as one — as long as the lease
    /// leaves room: never more than half the lease, so a fresh lock keeps at least half of it.
    /// </summary>
    internal static TimeSpan AttemptTimeout(TimeSpan commandTimeout, TimeSpan heartbeat, TimeSpan expiry)
    {
        var attempt = commandTimeout + heartbeat + AttemptSlack;
        return attempt < expiry / 2 ? attempt : expiry / 2;
    }

    /// <inheritdoc />
    public async ValueTask<IAsyncDisposable> AcquireAsync(string orderId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var redis = await ConnectAsync(orderId, timeout, cancellationToken);
        var distributedLock = new RedisDistributedLock(_keyPrefix + orderId, redis.GetDatabase(), _lockOptions);
        RedisDistributedLockHandle? handle;
        try
        {
            handle = await distributedLock.TryAcquireAsync(timeout, cancellationToken);
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            throw Failed(orderId, e, redis.IsConnected);
        }

        return handle is null
            ? throw new TransientConflictException(
                $"Order '{orderId}' is busy (another request holds its lock); nothing was written. Retry shortly.", BusyRetryAfter)
            : new Holder(handle, orderId, _logger);
    }

    /// <summary>Closes the connection to Redis. Locks still held expire with their lease, as a dead host's would.</summary>
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

        if (connecting is { IsCompletedSuccessfully: true })
        {
            connecting.Result.Dispose();
        }
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
                timeout == Timeout.InfiniteTimeSpan || timeout > CommandTimeout ? timeout : CommandTimeout, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (connecting.IsFaulted)
            {
                // Creating the multiplexer itself failed (abortConnect=false leaves this to unusual errors): forget it
                // so that the next acquisition tries again. A connect that is merely slow is kept for later callers.
                lock (_connectGate)
                {
                    if (ReferenceEquals(_connecting, connecting))
                    {
                        _connecting = null;
                    }
                }
            }

            throw Failed(orderId, e, connected: false);
        }
    }

    private static bool IsRedisFailure(Exception e) => e is RedisException or TimeoutException or System.Net.Sockets.SocketException;

    // StackExchange.Redis 3.x reports a server it cannot reach as a timeout too: whether the connection is up says
    // which it is, so nobody chases a network fault for a slow (or starved) server, or the reverse.
    private TransientConflictException Failed(string orderId, Exception e, bool connected) =>
        connected && e is TimeoutException
            ? new($"Order '{orderId}' could not be locked: the order lock store (Redis) did not answer within {CommandTimeout.TotalMilliseconds:0} ms; nothing was written. Retry shortly.",
                UnreachableRetryAfter, e)
            : new($"Order '{orderId}' could not be locked: the order lock store (Redis) cannot be reached ({e.GetType().Name}); nothing was written. Retry shortly.",
                UnreachableRetryAfter, e);

    private sealed class Holder(RedisDistributedLockHandle handle, string orderId, ILogger logger) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }

            var lost = handle.HandleLostToken.IsCancellationRequested;
            try
            {
                await handle.DisposeAsync();
            }
            catch (Exception e) when (IsRedisFailure(e))
            {
                // The work under the lock is done (and committed or not); failing the request now would misreport it.
                // The key expires with its lease.
                logger.LogWarning(e, "Could not release the lock of order {OrderId}; it expires with its lease.", orderId);
                return;
            }

            if (lost)
            {
                logger.LogWarning("The lock of order {OrderId} was lost before its holder released it (its lease lapsed); the version fence guards the order's writes.", orderId);
            }
        }
    }
}
