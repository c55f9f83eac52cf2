namespace ReversePaas.Host.Tests.Support;

/// <summary>
/// The Redis server that eng/test.sh starts (eng/start-redis.sh), for hosts that share their order locks through it.
/// A missing server fails the test, never skips it: CI must run the Redis lock.
/// </summary>
public static class TestRedis
{
    public static string Configuration => Environment.GetEnvironmentVariable("REVERSEPAAS_TEST_REDIS") is { Length: > 0 } server
        ? server
        : throw new InvalidOperationException("REVERSEPAAS_TEST_REDIS is not set: run the suite with ./eng/test.sh, which starts redis-server.");
}
