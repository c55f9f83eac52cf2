using ReversePaas.Persistence.Locks;
using StackExchange.Redis;

namespace ReversePaas.Persistence.Tests.Locks;

/// <summary>
/// The Redis server that eng/test.sh starts (eng/start-redis.sh; its configuration string in
/// <c>REVERSEPAAS_TEST_REDIS</c>). A missing server fails the test, never skips it: CI must run the Redis lock.
/// Every test uses its own key prefix, so runs and tests never see each other's keys.
/// </summary>
internal static class TestRedis
{
    public const string Variable = "REVERSEPAAS_TEST_REDIS";

    public static string Configuration
    {
        get
        {
            var configuration = Environment.GetEnvironmentVariable(Variable);
            return string.IsNullOrWhiteSpace(configuration)
                ? throw new InvalidOperationException(
                    $"{Variable} is not set: run the suite with ./eng/test.sh, which starts Redis (eng/start-redis.sh), or set it to a server's configuration string, e.g. 127.0.0.1:56379.")
                : configuration;
        }
    }

    public static string NewKeyPrefix() => $"reversepaas-tests:{Guid.NewGuid():N}:lock:order:";

    /// <summary>A lock with its own multiplexer, as another host would have.</summary>
    public static RedisOrderLock NewLock(string keyPrefix, TimeSpan? expiry = null, string? clientName = null) =>
        new(new RedisLockOptions
        {
            Configuration = clientName is null ? Configuration : $"{Configuration},name={clientName}",
            KeyPrefix = keyPrefix,
            Expiry = expiry ?? TimeSpan.FromSeconds(30),
        });

    /// <summary>A plain connection for looking at the keys and for dropping clients (an outage drill).</summary>
    public static Task<ConnectionMultiplexer> InspectorAsync()
    {
        var options = ConfigurationOptions.Parse(Configuration);
        options.AllowAdmin = true;
        return ConnectionMultiplexer.ConnectAsync(options);
    }
}
