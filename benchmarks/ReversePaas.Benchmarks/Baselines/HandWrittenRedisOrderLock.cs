using System.Diagnostics;
using ReversePaas.Kernel.Activities;
using ReversePaas.Kernel.Domain;
using StackExchange.Redis;

namespace ReversePaas.Benchmarks.Baselines;

/// <summary>
/// The acquire and release path of the hand-written Redis order lock the product used before DistributedLock (removed
/// in caec000; the whole class is at e97d587), kept here only as the benchmark's baseline: <c>SET key token PX expiry
/// NX</c> bounded by the command timeout and retried every 10–50 ms, released by a Lua compare-and-delete also bounded
/// by it. It ran on StackExchange.Redis 1.2.6, which cannot be loaded beside 3.x (same assembly name), so this copy is
/// on 3.x; the connect-on-first-use, the abandon-on-timeout clean-up and the logging are left out (none runs on the
/// uncontended path the benchmark measures).
/// </summary>
internal sealed class HandWrittenRedisOrderLock(IConnectionMultiplexer redis, string keyPrefix, TimeSpan expiry, TimeSpan commandTimeout) : IOrderLock
{
    private const string ReleaseScript =
        "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    public async ValueTask<IAsyncDisposable> AcquireAsync(string orderId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var key = (RedisKey)(keyPrefix + orderId);
        var token = (RedisValue)Guid.NewGuid().ToString("N");
        var database = redis.GetDatabase();
        while (true)
        {
            if (await database.StringSetAsync(key, token, expiry, When.NotExists).WaitAsync(commandTimeout, cancellationToken))
            {
                return new Holder(database, key, token, commandTimeout);
            }

            var remaining = timeout == Timeout.InfiniteTimeSpan ? TimeSpan.MaxValue : timeout - Stopwatch.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                throw new TransientConflictException($"Order '{orderId}' is busy (another request holds its lock); nothing was written. Retry shortly.", TimeSpan.FromSeconds(1));
            }

            var backOff = TimeSpan.FromMilliseconds(Random.Shared.Next(10, 51));
            await Task.Delay(backOff < remaining ? backOff : remaining, cancellationToken);
        }
    }

    private sealed class Holder(IDatabase database, RedisKey key, RedisValue token, TimeSpan commandTimeout) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                // The old code logged a lapsed lease when this returned 0.
                _ = (long)await database.ScriptEvaluateAsync(ReleaseScript, [key], [token]).WaitAsync(commandTimeout);
            }
        }
    }
}
