using ReversePaas.Kernel.Domain;
using ReversePaas.Persistence.Locks;
using StackExchange.Redis;

namespace ReversePaas.Persistence.Tests.Locks;

/// <summary>
/// The Redis order lock against a real redis-server: mutual exclusion across hosts (one multiplexer each),
/// independence across orders, timeouts, leases kept by a live holder and lapsed for a dead one, compare-and-delete release, and Redis that cannot be reached.
/// </summary>
public sealed class RedisOrderLockTests
{
    private static readonly TimeSpan LongWait = TimeSpan.FromSeconds(30);
    private readonly string _prefix = TestRedis.NewKeyPrefix();

    [Fact]
    public async Task Holders_of_one_order_on_two_hosts_never_overlap()
    {
        using var hostA = TestRedis.NewLock(_prefix);
        using var hostB = TestRedis.NewLock(_prefix);
        var (maxInside, counter) = await ExclusionProbe.RunAsync([hostA, hostB], tasksPerHost: 8, cycles: 50);

        maxInside.Should().Be(1);
        counter.Should().Be(2 * 8 * 50);
        using var inspector = await TestRedis.InspectorAsync();
        (await inspector.GetDatabase().KeyExistsAsync(_prefix + "O-1")).Should().BeFalse("the last holder released it");
    }

    [Fact]
    public async Task Different_orders_do_not_wait_for_each_other()
    {
        using var hostA = TestRedis.NewLock(_prefix);
        using var hostB = TestRedis.NewLock(_prefix);
        await using var held = await hostA.AcquireAsync("O-1", LongWait, default);

        await using var other = await hostB.AcquireAsync("O-2", TimeSpan.Zero, default);
        await using var sameHostOther = await hostA.AcquireAsync("O-3", TimeSpan.Zero, default);
    }

    [Fact]
    public async Task A_busy_order_times_out_with_a_retryable_error_and_is_free_after_release()
    {
        using var hostA = TestRedis.NewLock(_prefix);
        using var hostB = TestRedis.NewLock(_prefix);
        var held = await hostA.AcquireAsync("O-1", LongWait, default);

        var wait = async () => await hostB.AcquireAsync("O-1", TimeSpan.FromMilliseconds(200), default);

        var busy = (await wait.Should().ThrowAsync<TransientConflictException>()).Which;
        busy.RetryAfter.Should().BePositive();
        busy.Message.Should().Contain("'O-1' is busy");
        await held.DisposeAsync();
        await held.DisposeAsync(); // a second release is harmless
        await using var again = await hostB.AcquireAsync("O-1", TimeSpan.Zero, default);
    }

    [Fact]
    public async Task The_lock_of_a_holder_that_died_is_free_after_its_lease()
    {
        // Long enough that a late extension (a loaded CI box can delay one past a few hundred ms) cannot lapse the lease
        // before the survivor's first look; short enough that its wait ends soon after the holder dies.
        var dying = TestRedis.NewLock(_prefix, expiry: TimeSpan.FromSeconds(2));
        using var survivor = TestRedis.NewLock(_prefix);
        _ = await dying.AcquireAsync("O-1", LongWait, default); // never released
        var now = async () => await survivor.AcquireAsync("O-1", TimeSpan.Zero, default);
        await now.Should().ThrowAsync<TransientConflictException>("the holder is alive and extends its lease");

        dying.Dispose(); // its host "died": the connection is gone, nothing extends the lease any more

        // The survivor's own wait loop polls until the lease runs out.
        await using var taken = await survivor.AcquireAsync("O-1", LongWait, default);
    }

    [Fact]
    public async Task A_live_holder_extends_its_lease_and_keeps_the_lock_past_it()
    {
        using var holder = TestRedis.NewLock(_prefix, expiry: TimeSpan.FromSeconds(3));
        using var other = TestRedis.NewLock(_prefix);
        using var inspector = await TestRedis.InspectorAsync();
        var key = (RedisKey)(_prefix + "O-1");
        await using var held = await holder.AcquireAsync("O-1", LongWait, default);
        var token = await inspector.GetDatabase().StringGetAsync(key);

        // Three renewals (the time to live of the key going up again) span more than one whole lease.
        var renewals = 0;
        var previous = long.MaxValue;
        var deadline = DateTime.UtcNow + LongWait;
        while (renewals < 3 && DateTime.UtcNow < deadline)
        {
            var ttl = (long)await inspector.GetDatabase().ExecuteAsync("PTTL", key);
            ttl.Should().BePositive("the key of a live holder never lapses");
            renewals += ttl > previous ? 1 : 0;
            previous = ttl;
            await Task.Delay(50);
        }

        renewals.Should().Be(3);
        (await inspector.GetDatabase().StringGetAsync(key)).Should().Be(token, "the same holder's token");
        var wait = async () => await other.AcquireAsync("O-1", TimeSpan.Zero, default);
        (await wait.Should().ThrowAsync<TransientConflictException>()).Which.Message.Should().Contain("'O-1' is busy");
    }

    [Fact]
    public async Task A_holder_that_lost_its_lease_does_not_release_the_next_holders_lock()
    {
        using var slow = TestRedis.NewLock(_prefix);
        using var next = TestRedis.NewLock(_prefix);
        using var third = TestRedis.NewLock(_prefix);
        using var inspector = await TestRedis.InspectorAsync();
        var key = (RedisKey)(_prefix + "O-1");
        var stale = await slow.AcquireAsync("O-1", LongWait, default);
        var staleToken = await inspector.GetDatabase().StringGetAsync(key);
        // The lease is lost as after a failover that dropped the key, or a holder frozen past its lease.
        (await inspector.GetDatabase().KeyDeleteAsync(key)).Should().BeTrue();

        var current = await next.AcquireAsync("O-1", LongWait, default);
        var currentToken = await inspector.GetDatabase().StringGetAsync(key);
        await stale.DisposeAsync(); // the slow holder finishes late and releases

        currentToken.Should().NotBe(staleToken, "every acquisition has its own token");
        (await inspector.GetDatabase().StringGetAsync(key)).Should().Be(currentToken, "compare-and-delete left the next holder's key");
        var steal = async () => await third.AcquireAsync("O-1", TimeSpan.FromMilliseconds(100), default);
        await steal.Should().ThrowAsync<TransientConflictException>();

        await current.DisposeAsync();
        (await inspector.GetDatabase().KeyExistsAsync(key)).Should().BeFalse();
    }

    [Fact]
    public async Task Redis_that_cannot_be_reached_is_a_retryable_error()
    {
        using var unreachable = new RedisOrderLock(new RedisLockOptions
        {
            Configuration = "127.0.0.1:1,connectTimeout=500",
            KeyPrefix = _prefix,
        });

        foreach (var attempt in new[] { "while connecting", "once the connect gave up" })
        {
            var acquire = async () => await unreachable.AcquireAsync("O-1", TimeSpan.FromSeconds(1), default);

            var error = (await acquire.Should().ThrowAsync<TransientConflictException>(attempt)).Which;
            error.Message.Should().Contain("the order lock store (Redis) cannot be reached");
            error.RetryAfter.Should().BePositive();
        }
    }

    [Fact]
    public async Task A_lost_connection_is_a_retryable_error_and_the_lock_recovers_by_itself()
    {
        var clientName = $"rp-lock-test-{Guid.NewGuid():N}";
        using var host = TestRedis.NewLock(_prefix, clientName: clientName);
        using var inspector = await TestRedis.InspectorAsync();
        await (await host.AcquireAsync("O-1", LongWait, default)).DisposeAsync();

        // The outage: the server drops every connection of this host.
        var server = inspector.GetServer(inspector.GetEndPoints().Single());
        var clients = (await server.ClientListAsync()).Where(c => c.Name == clientName).ToList();
        clients.Should().NotBeEmpty();
        foreach (var client in clients)
        {
            await server.ClientKillAsync(client.Id, skipMe: true);
        }

        // Poll: every failure meanwhile is a retryable error, and the same lock works again without a restart.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await (await host.AcquireAsync("O-1", TimeSpan.FromSeconds(1), default)).DisposeAsync();
                break;
            }
            catch (TransientConflictException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }

        (await server.ClientListAsync()).Should().Contain(c => c.Name == clientName, "the multiplexer reconnected");
    }

    [Fact]
    public async Task A_hung_server_is_a_retryable_error_named_as_not_answering_and_the_order_is_free_after_the_lease()
    {
        // A server of the test's own: the hang below holds every client of the server it is sent to.
        await using var redis = await RedisServerProcess.StartAsync();
        using var impatient = new RedisOrderLock(new RedisLockOptions
        {
            // A command timeout longer than DistributedLock's own default attempt (a tenth of the lease, 1.5 s here), as
            // the defaults are (5 s against 3 s): that attempt, given up, read as a busy order.
            Configuration = $"{redis.Configuration},asyncTimeout=4000",
            KeyPrefix = _prefix,
            Expiry = TimeSpan.FromSeconds(15),
        });
        using var next = new RedisOrderLock(new RedisLockOptions { Configuration = redis.Configuration, KeyPrefix = _prefix });
        await (await impatient.AcquireAsync("O-1", LongWait, default)).DisposeAsync(); // connected before the hang

        var error = await HungAcquisitionAsync(redis, impatient);

        // Not "busy" (DistributedLock's reading of an attempt it gave up on), not "cannot be reached" (the connection is up).
        error.Message.Should().Contain("the order lock store (Redis) did not answer within 4000 ms").And.NotContain("busy").And.NotContain("cannot be reached");
        error.InnerException.Should().BeAssignableTo<TimeoutException>();
        // Whatever the abandoned attempt wrote once the server answered again lives at most one lease.
        await using var taken = await next.AcquireAsync("O-1", LongWait, default);
    }

    [Theory]
    [InlineData("127.0.0.1:1", 5000)] // the library's default
    [InlineData("127.0.0.1:1,asyncTimeout=300", 300)]
    [InlineData("127.0.0.1:1,connectTimeout=500,ASYNCTIMEOUT=7000", 7000)]
    public void A_lock_command_is_bounded_by_the_configurations_asyncTimeout(string configuration, int expectedMs)
    {
        using var redisLock = new RedisOrderLock(new RedisLockOptions { Configuration = configuration });

        redisLock.CommandTimeout.Should().Be(TimeSpan.FromMilliseconds(expectedMs));
    }

    [Theory]
    [InlineData(5000, 30_000, 6500)] // the defaults: past the client's own timeout, checked on its 1 s heartbeat
    [InlineData(300, 5000, 1800)]
    [InlineData(5000, 3000, 1500)] // a lease too short to outwait the client: half of it
    public void An_acquisition_attempt_outlasts_the_clients_own_timeout_while_the_lease_allows(int commandMs, int expiryMs, int expectedMs)
    {
        RedisOrderLock.AttemptTimeout(TimeSpan.FromMilliseconds(commandMs), TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(expiryMs))
            .Should().Be(TimeSpan.FromMilliseconds(expectedMs));
    }

    [Fact]
    public void A_lease_shorter_than_100_ms_is_refused_naming_the_setting()
    {
        var create = () => new RedisOrderLock(new RedisLockOptions { Configuration = "127.0.0.1:1", Expiry = TimeSpan.FromMilliseconds(50) });

        create.Should().Throw<ArgumentException>().WithMessage("*Locks:Redis:Expiry*");
    }

    [Fact]
    public void Options_without_a_server_are_refused()
    {
        var create = () => new RedisOrderLock(new RedisLockOptions());

        create.Should().Throw<ArgumentException>().WithMessage("*Configuration*");
    }

    // Holds every write (the acquisition's script) of the server until the acquisition gave up, then lets the server go on.
    private static async Task<TransientConflictException> HungAcquisitionAsync(RedisServerProcess redis, RedisOrderLock redisLock)
    {
        var admin = ConfigurationOptions.Parse(redis.Configuration);
        admin.AllowAdmin = true;
        using var inspector = await ConnectionMultiplexer.ConnectAsync(admin);
        await inspector.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "20000", "WRITE");
        try
        {
            var acquire = async () => await redisLock.AcquireAsync("O-1", LongWait, default);

            var error = (await acquire.Should().ThrowAsync<TransientConflictException>()).Which;
            error.RetryAfter.Should().BePositive();
            return error;
        }
        finally
        {
            await inspector.GetDatabase().ExecuteAsync("CLIENT", "UNPAUSE");
        }
    }
}
