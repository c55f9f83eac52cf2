using ReversePaas.Kernel.Activities;
using StackExchange.Redis;

namespace ReversePaas.Benchmarks.Baselines;

/// <summary>
/// The algorithm of the hand-written Redis order lock the product used before DistributedLock (removed in the same
/// change as this file was added), kept here only as the benchmark's baseline: <c>SET key token PX expiry NX</c>
/// retried every 10–50 ms, released by a Lua compare-and-delete. It ran on StackExchange.Redis 1.2.6, which cannot be
/// loaded beside 3.x (same assembly name), so this copy is on 3.x; its error wording and clean-up are left out.
/// </summary>
internal sealed class HandWrittenRedisOrderLock(IConnectionMultiplexer redis, string keyPrefix, TimeSpan expiry) : IOrderLock
{
    private const string ReleaseScript =
        "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    public async ValueTask<IAsyncDisposable> AcquireAsync(string orderId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        var key = (RedisKey)(keyPrefix + orderId);
        var token = (RedisValue)Guid.NewGuid().ToString("N");
        var database = redis.GetDatabase();
        while (!await database.StringSetAsync(key, token, expiry, When.NotExists))
        {
            if (DateTime.UtcNow - started > timeout)
            {
                throw new TimeoutException($"Order '{orderId}' is busy.");
            }

            await Task.Delay(Random.Shared.Next(10, 51), cancellationToken);
        }

        return new Holder(database, key, token);
    }

    private sealed class Holder(IDatabase database, RedisKey key, RedisValue token) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await database.ScriptEvaluateAsync(ReleaseScript, [key], [token]);
    }
}
