using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Npgsql;
using ReversePaas.Benchmarks.Baselines;
using ReversePaas.Kernel.Activities;
using ReversePaas.Persistence.Locks;
using StackExchange.Redis;

namespace ReversePaas.Benchmarks;

/// <summary>
/// Acquire + release of one order's lock, uncontended, against the real servers that eng/start-redis.sh and
/// eng/start-postgres.sh start (REVERSEPAAS_TEST_REDIS, REVERSEPAAS_TEST_POSTGRES, or Program's --redis / --postgres):
/// the product's locks on DistributedLock beside the hand-written algorithms they replaced (Baselines/), in one run.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
#pragma warning disable CA1001 // BenchmarkDotNet owns the lifetime: [GlobalCleanup] disposes what [GlobalSetup] made.
public class OrderLockBenchmarks
#pragma warning restore CA1001
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private ConnectionMultiplexer _redis = null!;
    private NpgsqlDataSource _postgres = null!;
    private IOrderLock _handWrittenRedis = null!;
    private RedisOrderLock _distributedRedis = null!;
    private IOrderLock _handWrittenPostgres = null!;
    private PostgresAdvisoryOrderLock _distributedPostgres = null!;

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        var redis = Server("REVERSEPAAS_TEST_REDIS");
        var postgres = Server("REVERSEPAAS_TEST_POSTGRES");
        _redis = await ConnectionMultiplexer.ConnectAsync(redis);
        // The old lock bounded each command by syncTimeout, which defaulted to the lock wait (5 s).
        _handWrittenRedis = new HandWrittenRedisOrderLock(_redis, "bench:hand:", TimeSpan.FromSeconds(30), Wait);
        _distributedRedis = new RedisOrderLock(new RedisLockOptions { Configuration = redis, KeyPrefix = "bench:dl:" });
        _postgres = NpgsqlDataSource.Create(postgres);
        _handWrittenPostgres = new HandWrittenPostgresAdvisoryOrderLock(_postgres);
        _distributedPostgres = new PostgresAdvisoryOrderLock(postgres);
        // Connect both products' locks before measuring.
        await (await _distributedRedis.AcquireAsync("warm-up", Wait, default)).DisposeAsync();
        await (await _distributedPostgres.AcquireAsync("warm-up", Wait, default)).DisposeAsync();
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        _distributedRedis.Dispose();
        await _distributedPostgres.DisposeAsync();
        await _postgres.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "hand-written SET NX + Lua")]
    [BenchmarkCategory("Redis")]
    public Task RedisHandWritten() => CycleAsync(_handWrittenRedis);

    [Benchmark(Description = "DistributedLock.Redis")]
    [BenchmarkCategory("Redis")]
    public Task RedisDistributedLock() => CycleAsync(_distributedRedis);

    [Benchmark(Baseline = true, Description = "hand-written pg_advisory_lock")]
    [BenchmarkCategory("PostgreSQL")]
    public Task PostgresHandWritten() => CycleAsync(_handWrittenPostgres);

    [Benchmark(Description = "DistributedLock.Postgres")]
    [BenchmarkCategory("PostgreSQL")]
    public Task PostgresDistributedLock() => CycleAsync(_distributedPostgres);

    private static async Task CycleAsync(IOrderLock orderLock)
        => await (await orderLock.AcquireAsync("O-bench", Wait, default)).DisposeAsync();

    private static string Server(string variable)
        => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set: start the servers with eng/start-redis.sh and eng/start-postgres.sh and export their last lines (or pass --redis / --postgres).");
}
